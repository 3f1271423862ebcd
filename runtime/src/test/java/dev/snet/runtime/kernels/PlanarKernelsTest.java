package dev.snet.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast kernels against the reference ones on awkward shapes: channel counts that are not a
 * multiple of the vector width, tiny and odd spatial sizes, every group count ShuffleNet uses,
 * planes scattered through the arena as views leave them.
 */
class PlanarKernelsTest {
    private final SplittableRandom random = new SplittableRandom(17);

    private float[] values(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (random.nextDouble() * 2 - 1);
        return v;
    }

    /** Planes for {@code channels} channels of {@code size} floats, shuffled through an arena starting at {@code base}. */
    private int[] scattered(int channels, int size, int base) {
        int[] slots = new int[channels];
        for (int i = 0; i < channels; i++) slots[i] = i;
        for (int i = channels - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = slots[i];
            slots[i] = slots[j];
            slots[j] = t;
        }
        int[] planes = new int[channels];
        for (int c = 0; c < channels; c++) planes[c] = base + slots[c] * (size + 3);
        return planes;
    }

    private void checkConv(int inC, int outC, int h, int w, int k, int stride, int pad, int groups, boolean viaScalar) {
        int oh = Reference.outputSize(h, k, stride, pad);
        int ow = Reference.outputSize(w, k, stride, pad);
        int[] in = scattered(inC, h * w, 0);
        int inEnd = inC * (h * w + 3);
        int[] out = scattered(outC, oh * ow, inEnd);
        float[] arena = values(inEnd + outC * (oh * ow + 3) + 8);
        float[] weight = values(outC * (inC / groups) * k * k);
        float[] bias = values(outC);
        float[] x = new float[inC * h * w];
        for (int c = 0; c < inC; c++) System.arraycopy(arena, in[c], x, c * h * w, h * w);
        float[] expected = Reference.relu(Reference.conv2d(x, 1, inC, h, w, weight, bias, outC, k, stride, pad, groups));
        if (viaScalar) {
            if (k == 1 && stride == 1 && pad == 0) Planar.pointwise(arena, in, out, weight, bias, inC, outC, groups, Planar.RELU, 0, outC, 0, h * w);
            else Planar.depthwise(arena, in, h, w, out, oh, ow, weight, bias, k, stride, pad, Planar.RELU, 0, outC, 0, oh);
            assertConv(expected, arena, out, oh * ow, inC + "->" + outC + " " + h + "x" + w + " k" + k + " s" + stride + " g" + groups + " scalar");
            return;
        }
        // Two halves, as two worker threads would split the output channels.
        float[] kernelWeight = Planar.convWeights(weight, inC, outC, k, stride, pad, groups);
        Planar.conv(arena, in, h, w, out, oh, ow, kernelWeight, bias, inC, outC, k, stride, pad, groups, Planar.RELU, 0, outC / 2);
        Planar.conv(arena, in, h, w, out, oh, ow, kernelWeight, bias, inC, outC, k, stride, pad, groups, Planar.RELU, outC / 2, outC);
        String what = inC + "->" + outC + " " + h + "x" + w + " k" + k + " s" + stride + " g" + groups;
        assertConv(expected, arena, out, oh * ow, what + " by channels");
        // Three bands of rows, as threads splitting a layer by rows would (the last band may be empty).
        for (int c = 0; c < outC; c++) java.util.Arrays.fill(arena, out[c], out[c] + oh * ow, Float.NaN);
        int[] cuts = {0, oh / 3, (2 * oh) / 3 + 1 > oh ? oh : (2 * oh) / 3 + 1, oh};
        for (int b = 0; b < 3; b++) {
            if (cuts[b] < cuts[b + 1]) {
                Planar.convBlock(arena, in, h, w, out, oh, ow, kernelWeight, bias, inC, outC, k, stride, pad, groups, Planar.RELU, 0, outC, cuts[b], cuts[b + 1]);
            }
        }
        assertConv(expected, arena, out, oh * ow, what + " by rows");
    }

    private static void assertConv(float[] expected, float[] arena, int[] out, int planeSize, String what) {
        for (int c = 0; c < out.length; c++) {
            for (int p = 0; p < planeSize; p++) {
                float e = expected[c * planeSize + p];
                float a = arena[out[c] + p];
                assertTrue(Math.abs(e - a) <= 1e-5f * Math.max(1f, Math.abs(e)), "conv " + what + " channel " + c + " pos " + p + ": " + e + " vs " + a);
            }
        }
    }

    @Test
    void pointwiseOnOddShapesAndGroups() {
        for (int groups : new int[] {1, 2, 3, 4, 8}) {
            // 7x7 and 3x6: one and two positions past whole vectors (taken as dot products); 14x14 a short tail;
            // 5x8, 5x11 and 8x17 a last tile of one, two or three vectors overlapping the one before.
            for (int[] hw : new int[][] {{1, 1}, {2, 3}, {7, 7}, {3, 6}, {5, 8}, {5, 11}, {5, 13}, {8, 17}, {14, 14}, {28, 28}}) {
                for (int per : new int[] {1, 3, 5, 9, 21}) {
                    checkConv(groups * per, groups * (per + 2), hw[0], hw[1], 1, 1, 0, groups, false);
                    checkConv(groups * per, groups * (per + 2), hw[0], hw[1], 1, 1, 0, groups, true);
                }
            }
        }
    }

    @Test
    void depthwiseStrideOneAndTwo() {
        // Widths on both sides of one and two vectors (the row-in-registers kernels' limits at stride 1 and 2),
        // and of half a vector (several rows stacked in one): 4x4, 8x8, 9x2, 11x8, 5x9.
        for (int[] hw : new int[][] {{1, 1}, {2, 2}, {3, 5}, {4, 4}, {7, 7}, {8, 8}, {9, 2}, {11, 8}, {5, 9}, {6, 16}, {9, 17}, {14, 14},
                {28, 28}, {3, 32}, {33, 31}, {4, 33}, {56, 56}, {5, 65}, {9, 34}, {6, 112}}) {
            for (int stride : new int[] {1, 2}) {
                for (int channels : new int[] {1, 5, 24}) {
                    checkConv(channels, channels, hw[0], hw[1], 3, stride, 1, channels, false);
                    checkConv(channels, channels, hw[0], hw[1], 3, stride, 1, channels, true);
                }
            }
        }
    }

    @Test
    void depthwiseFiveAndSeven() {
        // ShuffleNetV2+ and SPOS: 5x5 and 7x7 at stride 1 and 2, "same" padding and none, on planes
        // narrower than a vector, around one and two vectors wide, and with rows not a multiple of 4.
        for (int[] hw : new int[][] {{1, 1}, {3, 5}, {7, 7}, {8, 8}, {9, 17}, {14, 14}, {13, 11}, {28, 28}, {33, 31}, {56, 56}, {6, 112}}) {
            for (int k : new int[] {5, 7}) {
                for (int stride : new int[] {1, 2}) {
                    for (int pad : new int[] {k / 2, 0, 1}) {
                        if (Reference.outputSize(hw[0], k, stride, pad) < 1 || Reference.outputSize(hw[1], k, stride, pad) < 1) continue;
                        checkConv(5, 5, hw[0], hw[1], k, stride, pad, 5, false);
                    }
                }
            }
        }
    }

    /** The activations that are not clamps run after the kernels, over what they wrote: every kind of kernel, by channel shares. */
    @Test
    void nonClampActivations() {
        for (int act : new int[] {Planar.HSWISH, Planar.HSIGMOID, Planar.SIGMOID, Planar.SILU}) {
            for (int[] conv : new int[][] {{16, 24, 14, 1, 1, 0, 1}, {24, 24, 13, 5, 2, 2, 24}, {12, 12, 9, 3, 1, 1, 12}, {8, 16, 4, 1, 1, 0, 2},
                    {3, 8, 17, 3, 2, 1, 1}}) {
                int inC = conv[0], outC = conv[1], h = conv[2], k = conv[3], stride = conv[4], pad = conv[5], groups = conv[6];
                int oh = Reference.outputSize(h, k, stride, pad);
                int[] in = scattered(inC, h * h, 0);
                int inEnd = inC * (h * h + 3);
                int[] out = scattered(outC, oh * oh, inEnd);
                float[] arena = values(inEnd + outC * (oh * oh + 3) + 8);
                float[] weight = values(outC * (inC / groups) * k * k);
                float[] bias = values(outC);
                float[] x = new float[inC * h * h];
                for (int c = 0; c < inC; c++) System.arraycopy(arena, in[c], x, c * h * h, h * h);
                float[] expected = Reference.activation(Reference.conv2d(x, 1, inC, h, h, weight, bias, outC, k, stride, pad, groups), act);
                float[] kernelWeight = Planar.convWeights(weight, inC, outC, k, stride, pad, groups);
                if (Planar.isPointwise(k, stride, pad) && oh * oh <= Planar.SMALL_PLANE) {
                    float[] packed = Planar.channelsLast(weight, bias, inC, outC, groups);
                    Planar.pointwiseSmall(arena, in, out, oh * oh, packed, inC, outC, groups, act, null, 0, outC / 2);
                    Planar.pointwiseSmall(arena, in, out, oh * oh, packed, inC, outC, groups, act, null, outC / 2, outC);
                } else {
                    Planar.conv(arena, in, h, h, out, oh, oh, kernelWeight, bias, inC, outC, k, stride, pad, groups, act, 0, outC / 2);
                    Planar.conv(arena, in, h, h, out, oh, oh, kernelWeight, bias, inC, outC, k, stride, pad, groups, act, outC / 2, outC);
                }
                assertConv(expected, arena, out, oh * oh, "activation " + act + " conv " + java.util.Arrays.toString(conv));
            }
        }
    }

    @Test
    void stemAndGroupedGeneralConvolutions() {
        checkConv(3, 24, 33, 31, 3, 2, 1, 1, false);
        checkConv(3, 8, 17, 17, 7, 2, 3, 1, false);
        checkConv(6, 9, 9, 9, 3, 1, 1, 3, false);
        checkConv(4, 4, 8, 8, 1, 2, 0, 1, false);
        checkConv(3, 24, 224, 224, 3, 2, 1, 1, false);
        checkConv(5, 7, 13, 11, 5, 3, 2, 1, false);
    }

    @Test
    void dense3x3StrideOneAndTwoOnOddShapes() {
        // Split planes: widths around the vector length and its double, odd and even sizes, a chunked tall plane.
        for (int[] hw : new int[][] {{1, 1}, {2, 3}, {5, 7}, {8, 15}, {16, 17}, {31, 33}, {34, 30}, {70, 9}}) {
            for (int stride : new int[] {1, 2}) {
                checkConv(3, 13, hw[0], hw[1], 3, stride, 1, 1, false);
                checkConv(5, 4, hw[0], hw[1], 3, stride, 1, 1, false);
            }
        }
        checkConv(16, 24, 14, 14, 3, 1, 1, 1, false);
    }

    @Test
    void averagePoolingLikeTheShuffleNetShortcut() {
        for (int[] hw : new int[][] {{1, 1}, {2, 2}, {4, 4}, {7, 9}, {16, 16}, {5, 17}, {17, 33}, {31, 31}, {32, 32}, {56, 56}, {9, 64}, {9, 34}, {6, 112}}) {
            for (int stride : new int[] {1, 2}) {
                int channels = 5;
                int oh = Reference.outputSize(hw[0], 3, stride, 1);
                int ow = Reference.outputSize(hw[1], 3, stride, 1);
                int[] in = scattered(channels, hw[0] * hw[1], 0);
                int[] out = scattered(channels, oh * ow, channels * (hw[0] * hw[1] + 3));
                float[] arena = values(channels * (hw[0] * hw[1] + 3) + channels * (oh * ow + 3));
                float[] x = new float[channels * hw[0] * hw[1]];
                for (int c = 0; c < channels; c++) System.arraycopy(arena, in[c], x, c * hw[0] * hw[1], hw[0] * hw[1]);
                float[] expected = Reference.avgPool(x, 1, channels, hw[0], hw[1], 3, stride, 1, true);
                Planar.avgPool(arena, in, hw[0], hw[1], out, oh, ow, 3, stride, 1, true);
                for (int c = 0; c < channels; c++) {
                    for (int p = 0; p < oh * ow; p++) {
                        assertEquals(expected[c * oh * ow + p], arena[out[c] + p], 1e-5, "avgpool " + hw[0] + "x" + hw[1] + " s" + stride);
                    }
                }
                for (int c = 0; c < channels; c++) java.util.Arrays.fill(arena, out[c], out[c] + oh * ow, Float.NaN);
                Planar.avgPoolBlock(arena, in, hw[0], hw[1], out, oh, ow, 3, stride, 1, true, 0, channels, 0, oh / 2);
                Planar.avgPoolBlock(arena, in, hw[0], hw[1], out, oh, ow, 3, stride, 1, true, 0, channels, oh / 2, oh);
                for (int c = 0; c < channels; c++) {
                    for (int p = 0; p < oh * ow; p++) {
                        assertEquals(expected[c * oh * ow + p], arena[out[c] + p], 1e-5, "avgpool by rows " + hw[0] + "x" + hw[1] + " s" + stride);
                    }
                }
                float[] max = Reference.maxPool(x, 1, channels, hw[0], hw[1], 3, stride, 1);
                Planar.maxPoolBlock(arena, in, hw[0], hw[1], out, oh, ow, 3, stride, 1, 0, 2, 0, (oh + 1) / 2);
                Planar.maxPoolBlock(arena, in, hw[0], hw[1], out, oh, ow, 3, stride, 1, 0, 2, (oh + 1) / 2, oh);
                Planar.maxPool(arena, in, hw[0], hw[1], out, oh, ow, 3, stride, 1, 2, channels);
                for (int c = 0; c < channels; c++) {
                    for (int p = 0; p < oh * ow; p++) {
                        assertEquals(max[c * oh * ow + p], arena[out[c] + p], 0, "maxpool " + hw[0] + "x" + hw[1] + " s" + stride);
                    }
                }
            }
        }
    }

    @Test
    void narrowPlanesAtTheVeryEndOfTheArena() {
        // Planes of fewer positions than a vector whose last lie at the array's end: no whole vector fits
        // past them, and the kernels must not read one (the scalar tile), with and without a residual.
        for (int plane : new int[] {3, 9}) {
            int inC = 5, outC = 16;
            int[] out = Planes.range(0, outC, plane);
            int[] in = Planes.range(outC * plane, inC, plane);
            float[] arena = values((inC + outC) * plane);
            float[] weight = values(outC * inC), bias = values(outC);
            float[] x = new float[inC * plane];
            for (int c = 0; c < inC; c++) System.arraycopy(arena, in[c], x, c * plane, plane);
            float[] r = new float[outC * plane];
            for (int c = 0; c < outC; c++) System.arraycopy(arena, out[c], r, c * plane, plane);
            float[] conv = Reference.conv2d(x, 1, inC, 1, plane, weight, bias, outC, 1, 1, 0, 1);
            float[] kernelWeight = Planar.convWeights(weight, inC, outC, 1, 1, 0, 1);
            Planar.convAdd(arena, in, 1, plane, out, 1, plane, kernelWeight, bias, inC, outC, 1, 1, 0, 1, Planar.RELU, out, 0, outC);
            assertConv(Reference.relu(Reference.add(conv, r)), arena, out, plane, "conv+add in place, planes of " + plane + " at the end");
            Planar.conv(arena, in, 1, plane, out, 1, plane, kernelWeight, bias, inC, outC, 1, 1, 0, 1, Planar.RELU);
            assertConv(Reference.relu(conv), arena, out, plane, "conv, planes of " + plane + " at the end");
        }
    }

    @Test
    void oneByOneConvolutionWritesOverItsResidual() {
        // Planes by tiles of positions with a masked tail (14x14, 9x9), whole (28x28, 8x8), by whole planes with
        // a dot-product tail (7x7) or a masked one (5x5); channels per group not a multiple of eight (the
        // four- and one-channel kernels); the vector kernels and the scalar one.
        int[][] shapes = {{24, 40, 14, 1}, {40, 24, 7, 2}, {12, 24, 28, 1}, {18, 20, 9, 2}, {16, 12, 8, 1}, {6, 30, 5, 3}};
        for (int[] sh : shapes) {
            int inC = sh[0], outC = sh[1], hw = sh[2], groups = sh[3], plane = hw * hw;
            assertTrue(Planar.residualMayBeOutput(1, 1, 0, plane));
            for (boolean scalar : new boolean[] {false, true}) {
                int[] in = scattered(inC, plane, 0);
                int[] out = scattered(outC, plane, inC * (plane + 3));
                float[] arena = values((inC + outC) * (plane + 3) + 8);
                float[] weight = values(outC * (inC / groups));
                float[] bias = values(outC);
                float[] x = new float[inC * plane];
                float[] r = new float[outC * plane];
                for (int c = 0; c < inC; c++) System.arraycopy(arena, in[c], x, c * plane, plane);
                for (int c = 0; c < outC; c++) System.arraycopy(arena, out[c], r, c * plane, plane);
                float[] expected = Reference.relu(Reference.add(Reference.conv2d(x, 1, inC, hw, hw, weight, bias, outC, 1, 1, 0, groups), r));
                for (int[] part : new int[][] {{0, outC / 2 + 1}, {outC / 2 + 1, outC}}) {
                    if (scalar) Planar.pointwiseAdd(arena, in, out, weight, bias, inC, outC, groups, Planar.RELU, out, part[0], part[1], plane);
                    else Planar.convAdd(arena, in, hw, hw, out, hw, hw, Planar.convWeights(weight, inC, outC, 1, 1, 0, groups), bias, inC, outC, 1, 1, 0,
                            groups, Planar.RELU, out, part[0], part[1]);
                }
                assertConv(expected, arena, out, plane, "conv+add in place " + inC + "->" + outC + " " + hw + "x" + hw + " g" + groups
                        + (scalar ? " scalar" : ""));
            }
        }
        assertTrue(!Planar.residualMayBeOutput(1, 1, 0, Planar.SMALL_PLANE) && !Planar.residualMayBeOutput(3, 1, 1, 196));
    }

    @Test
    void convolutionWithAFusedResidualAdd() {
        // 1x1 by tiles of positions (14x14), by whole planes (7x7, its last position a dot product), and the fallback shapes.
        // 28x28: 8x3 tiles at 512 bits, whose residual variant clamps ReLU6's upper bound from L1. Every activation kind.
        int[][] shapes = {{24, 40, 14, 1, 1, 1}, {40, 24, 7, 1, 1, 2}, {16, 16, 9, 3, 1, 1}, {12, 12, 8, 3, 1, 12}, {20, 24, 28, 1, 1, 1}};
        for (int act : new int[] {Planar.RELU, Planar.RELU6, Planar.NONE, Planar.HSWISH})
        for (int[] sh : shapes) {
            int inC = sh[0], outC = sh[1], hw = sh[2], k = sh[3], stride = sh[4], groups = sh[5];
            int[] in = scattered(inC, hw * hw, 0);
            int[] res = scattered(outC, hw * hw, inC * (hw * hw + 3));
            int[] out = scattered(outC, hw * hw, (inC + outC) * (hw * hw + 3));
            float[] arena = values((inC + 2 * outC) * (hw * hw + 3) + 8);
            float[] weight = values(outC * (inC / groups) * k * k);
            for (int i = 0; i < weight.length; i++) weight[i] *= 4;  // sums well past ReLU6's 6
            float[] bias = values(outC);
            float[] x = new float[inC * hw * hw];
            float[] r = new float[outC * hw * hw];
            for (int c = 0; c < inC; c++) System.arraycopy(arena, in[c], x, c * hw * hw, hw * hw);
            for (int c = 0; c < outC; c++) System.arraycopy(arena, res[c], r, c * hw * hw, hw * hw);
            float[] expected = Reference.activation(Reference.add(Reference.conv2d(x, 1, inC, hw, hw, weight, bias, outC, k, stride, k / 2, groups), r), act);
            float[] kernelWeight = Planar.convWeights(weight, inC, outC, k, stride, k / 2, groups);
            Planar.convAdd(arena, in, hw, hw, out, hw, hw, kernelWeight, bias, inC, outC, k, stride, k / 2, groups, act, res, 0, outC / 2 + 1);
            Planar.convAdd(arena, in, hw, hw, out, hw, hw, kernelWeight, bias, inC, outC, k, stride, k / 2, groups, act, res, outC / 2 + 1, outC);
            assertConv(expected, arena, out, hw * hw, "conv+add act " + act + " " + inC + "->" + outC + " " + hw + "x" + hw + " k" + k + " g" + groups);
        }
    }

    @Test
    void pointwiseOnSmallPlanesWithChannelsInTheVectorLanes() {
        // Planes of 1 to 16 positions (fewer than a tile's eight, a tile and a bit, exactly two tiles); groups of
        // output channels short of a vector, exactly two (a whole tile at 512 bits), and past them.
        for (int hw : new int[] {1, 4, 9, 15, 16}) {
            for (int groups : new int[] {1, 2, 3}) {
                for (int outPer : new int[] {5, 32, 37}) {
                    for (boolean withResidual : new boolean[] {false, true}) {
                        int inC = groups * 17, outC = groups * outPer;
                        int[] in = scattered(inC, hw, 0);
                        int[] res = scattered(outC, hw, inC * (hw + 3));
                        int[] out = scattered(outC, hw, (inC + outC) * (hw + 3));
                        float[] arena = values((inC + 2 * outC) * (hw + 3) + 8);
                        float[] weight = values(outC * 17);
                        float[] bias = groups == 2 ? null : values(outC);
                        float[] x = new float[inC * hw];
                        float[] r = new float[outC * hw];
                        for (int c = 0; c < inC; c++) System.arraycopy(arena, in[c], x, c * hw, hw);
                        for (int c = 0; c < outC; c++) System.arraycopy(arena, res[c], r, c * hw, hw);
                        float[] conv = Reference.conv2d(x, 1, inC, 1, hw, weight, bias, outC, 1, 1, 0, groups);
                        float[] expected = Reference.relu(withResidual ? Reference.add(conv, r) : conv);
                        float[] packed = Planar.channelsLast(weight, bias, inC, outC, groups);
                        int[] residual = withResidual ? res : null;
                        String what = inC + "->" + outC + " on " + hw + " positions, g" + groups + (withResidual ? " +add" : "");
                        // Two workers' shares, split inside a group.
                        Planar.pointwiseSmall(arena, in, out, hw, packed, inC, outC, groups, Planar.RELU, residual, 0, outC / 2 + 1);
                        Planar.pointwiseSmall(arena, in, out, hw, packed, inC, outC, groups, Planar.RELU, residual, outC / 2 + 1, outC);
                        assertConv(expected, arena, out, hw, what);
                        for (int c = 0; c < outC; c++) java.util.Arrays.fill(arena, out[c], out[c] + hw, Float.NaN);
                        Planar.pointwiseSmallScalar(arena, in, out, hw, packed, inC, outC, groups, Planar.RELU, residual, 0, outC);
                        assertConv(expected, arena, out, hw, what + " scalar");
                    }
                }
            }
        }
    }

    @Test
    void averagePoolingOverWholePlanesIsTheirMean() {
        for (int hw : new int[] {1, 3, 4, 7, 17}) {
            int channels = 19;
            int[] in = scattered(channels, hw * hw, 0);
            int[] out = scattered(channels, 1, channels * (hw * hw + 3));
            float[] arena = values(channels * (hw * hw + 3) + channels * 4);
            float[] x = new float[channels * hw * hw];
            for (int c = 0; c < channels; c++) System.arraycopy(arena, in[c], x, c * hw * hw, hw * hw);
            float[] expected = Reference.avgPool(x, 1, channels, hw, hw, hw, hw, 0, true);
            Planar.avgPool(arena, in, hw, hw, out, 1, 1, hw, hw, 0, true, 0, 7);
            Planar.avgPool(arena, in, hw, hw, out, 1, 1, hw, hw, 0, true, 7, channels);
            for (int c = 0; c < channels; c++) assertEquals(expected[c], arena[out[c]], 1e-5, "avgpool " + hw + "x" + hw + " channel " + c);
            java.util.Arrays.fill(arena, channels * (hw * hw + 3), arena.length, Float.NaN);
            Planar.globalAvgPool(arena, in, hw * hw, out);
            for (int c = 0; c < channels; c++) assertEquals(expected[c], arena[out[c]], 1e-5, "global pool " + hw + "x" + hw + " channel " + c);
        }
    }

    @Test
    void linearAndPooling() {
        float[] arena = values(64);
        int[] in = {10, 0, 20};
        int[] out = {40, 41};
        float[] weight = values(2 * 6);
        Planar.linear(arena, in, 2, out, weight, new float[] {0.5f, -0.5f}, Planar.NONE);
        float[] x = {arena[10], arena[11], arena[0], arena[1], arena[20], arena[21]};
        float[] y = Reference.linear(x, 1, 6, weight, new float[] {0.5f, -0.5f}, 2);
        assertEquals(y[0], arena[40], 1e-6);
        assertEquals(y[1], arena[41], 1e-6);
    }

    @Test
    void wideLinearAndAdd() {
        int inC = 37;
        int ps = 3;
        int outF = 19;
        int[] in = scattered(inC, ps, 0);
        int[] out = scattered(outF, 1, inC * (ps + 3));
        float[] arena = values(inC * (ps + 3) + outF * 4 + 8);
        float[] weight = values(outF * inC * ps);
        float[] bias = values(outF);
        float[] x = new float[inC * ps];
        for (int c = 0; c < inC; c++) System.arraycopy(arena, in[c], x, c * ps, ps);
        float[] y = Reference.relu(Reference.linear(x, 1, inC * ps, weight, bias, outF));
        Planar.linear(arena, in, ps, out, weight, bias, Planar.RELU, 0, 6);
        Planar.linear(arena, in, ps, out, weight, bias, Planar.RELU, 6, outF);
        for (int o = 0; o < outF; o++) assertEquals(y[o], arena[out[o]], 1e-5, "linear output " + o);
        int[] a = scattered(7, 21, 0);
        int[] b = scattered(7, 21, 7 * 24);
        float[] arena2 = values(3 * 7 * 24);
        float[] sum = new float[7 * 21];
        for (int c = 0; c < 7; c++) for (int p = 0; p < 21; p++) sum[c * 21 + p] = Math.max(0f, arena2[a[c] + p] + arena2[b[c] + p]);
        Planar.add(arena2, a, b, a, 21, Planar.RELU, 0, 3);
        Planar.add(arena2, a, b, a, 21, Planar.RELU, 3, 7);
        for (int c = 0; c < 7; c++) for (int p = 0; p < 21; p++) assertEquals(sum[c * 21 + p], arena2[a[c] + p], 1e-6);
    }

    @Test
    void standaloneActivationsCopyAndClamp() {
        for (int planeSize : new int[] {1, 7, 16, 49, 100}) {
            int channels = 5;
            int[] in = scattered(channels, planeSize, 0);
            int[] out = scattered(channels, planeSize, channels * (planeSize + 3));
            float[] arena = values(2 * channels * (planeSize + 3) + 8);
            for (int i = 0; i < arena.length; i++) arena[i] = (arena[i] - 0.5f) * 20;  // values below 0 and above 6
            float[] before = arena.clone();
            Planar.activation(arena, in, out, planeSize, Planar.RELU6, 0, 2);
            Planar.activation(arena, in, out, planeSize, Planar.RELU6, 2, channels);
            Planar.activation(arena, in, in, planeSize, Planar.RELU);  // in place
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < planeSize; p++) {
                    float x = before[in[c] + p];
                    assertEquals(Math.min(Math.max(x, 0f), 6f), arena[out[c] + p], 0f, "relu6 " + planeSize);
                    assertEquals(Math.max(x, 0f), arena[in[c] + p], 0f, "relu in place " + planeSize);
                }
            }
        }
    }

    /** Threads' shares of a 1x1 convolution's channels start at blocks of eight within groups, near equal, covering all. */
    @Test
    void channelSharesCutAtBlocksOfTheirGroup() {
        int[][] layers = {{116, 1}, {232, 1}, {1024, 1}, {200, 2}, {240, 3}, {36, 1}, {4, 1}, {24, 1}};
        for (int[] layer : layers) {
            int outC = layer[0], groups = layer[1], outPer = outC / groups;
            for (int parts = 1; parts <= 4; parts++) {
                int[] cuts = Planar.channelShares(outC, groups, 1, 1, 0, 196, parts);
                String what = outC + " channels, " + groups + " groups, " + parts + " parts: " + java.util.Arrays.toString(cuts);
                assertEquals(parts + 1, cuts.length, what);
                assertEquals(0, cuts[0], what);
                assertEquals(outC, cuts[parts], what);
                for (int i = 1; i <= parts; i++) {
                    assertTrue(cuts[i] >= cuts[i - 1], what);
                    int rel = cuts[i] % outPer;
                    if (Planar.SIMD) assertTrue(rel % 8 == 0 || rel >= outPer - outPer % 8, what);
                    assertTrue(Math.abs(cuts[i] - (long) outC * i / parts) <= (Planar.SIMD ? Math.max(4, outPer % 8) : 0), what);
                }
            }
        }
        // Depthwise and dense kernels have no blocks: even shares.
        assertEquals(java.util.List.of(0, 58, 116), java.util.Arrays.stream(Planar.channelShares(116, 116, 3, 1, 1, 196, 2)).boxed().toList());
    }

    @Test
    void reportsWhichKernelsRun() {
        assertTrue(Planar.implementation().startsWith(Planar.SIMD ? "vector" : "scalar"));
        assertTrue(Planar.peakGflops(20_000_000) > 0);
    }

    /**
     * The build runs these tests again with the JIT held to narrower vectors (runtime/pom.xml); each
     * run says which shape it expects, so that a flag which changed nothing cannot pass for a width
     * tested. Only on x86, whose HotSpot has the flags.
     */
    @Test
    void runsAtTheVectorShapeItWasStartedFor() {
        String expected = System.getProperty("snet.expect.shape", "");
        String arch = System.getProperty("os.arch");
        if (expected.isEmpty() || !(arch.equals("amd64") || arch.equals("x86_64"))) return;
        assertTrue(Planar.implementation().contains(expected), "kernels " + Planar.implementation() + ", expected " + expected);
    }
}
