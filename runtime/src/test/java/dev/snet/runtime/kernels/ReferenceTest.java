package dev.snet.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Hand-computed cases for the kernels whose semantics are easy to get subtly wrong. */
class ReferenceTest {
    @Test
    void averagePoolCountsPaddingLikePyTorch() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        // 3x3 input, kernel 3, stride 2, pad 1 -> 2x2 outputs; every window covers 4 real values.
        assertArrayEquals(new float[] {12 / 9f, 16 / 9f, 24 / 9f, 28 / 9f}, Reference.avgPool(x, 1, 1, 3, 3, 3, 2, 1, true), 1e-6f);
        assertArrayEquals(new float[] {3, 4, 6, 7}, Reference.avgPool(x, 1, 1, 3, 3, 3, 2, 1, false), 1e-6f);
    }

    @Test
    void shuffleInterleavesGroups() {
        float[] x = {0, 1, 2, 3, 4, 5};
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, Reference.shuffle(x, 1, 6, 1, 2));
        assertArrayEquals(new float[] {0, 2, 4, 1, 3, 5}, Reference.shuffle(x, 1, 6, 1, 3));
    }

    @Test
    void groupedConvolutionUsesItsOwnGroup() {
        // 2 input channels, 2 groups, 1x1 kernel: each output sees only its own channel.
        float[] x = {1, 2, 10, 20};
        float[] w = {3, 5};
        assertArrayEquals(new float[] {3, 6, 50, 100}, Reference.conv2d(x, 1, 2, 1, 2, w, null, 2, 1, 1, 0, 2));
    }

    @Test
    void paddedStridedConvolution() {
        float[] x = {1, 2, 3, 4};  // 2x2
        float[] w = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        // 3x3 ones, pad 1, stride 2: one output at (0,0) summing the whole input, plus bias.
        assertArrayEquals(new float[] {10.5f}, Reference.conv2d(x, 1, 1, 2, 2, w, new float[] {0.5f}, 1, 3, 2, 1, 1));
    }

    @Test
    void maxPoolIgnoresPadding() {
        float[] x = {-1, -2, -3, -4};
        assertArrayEquals(new float[] {-1}, Reference.maxPool(x, 1, 1, 2, 2, 3, 2, 1));
    }
}
