package dev.snet.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * A plane rearranged for a 3x3 window with padding 1 and stride 1 or 2 so that, for every tap,
 * the inputs of consecutive outputs are consecutive floats: output (y, x) is position
 * {@code q = y * pitch + x}, and tap (ky, kx) reads {@code split[tap(ky, kx) + q]}. Vector kernels
 * then run along q with plain loads, across row ends (column x = ow of each row is computed and
 * thrown away).
 *
 * <p>Stride 1: the plane with a border of padding, rows {@code w + 2} long. Stride 2: the padded
 * plane's four phases (even or odd padded row, even or odd padded column), each a sub-plane of
 * {@code oh + 1} rows of {@code ow + 1} floats, so that stepping two input columns is one step here.
 *
 * <p>The padding never changes, so a buffer filled with the padding value once can take channel
 * after channel: {@link #copy} writes the interior only. Used by the vector kernels only.
 */
final class Split3x3 {
    private Split3x3() {}

    private static final VectorSpecies<Float> S = Simd.S;
    private static final int L = S.length();
    private static final VectorShuffle<Float> EVEN = Simd.EVEN;
    private static final VectorShuffle<Float> ODD = Simd.ODD;

    static int outSize(int n, int stride) { return (n - 1) / stride + 1; }

    /** Floats from one output row to the next, along q. */
    static int pitch(int w, int stride) { return stride == 1 ? w + 2 : outSize(w, 2) + 1; }

    private static int rows(int h, int stride) { return stride == 1 ? h + 2 : outSize(h, 2) + 1; }

    /** Floats one channel takes. Reads along q run up to a vector and two floats past the end: leave that much after the last. */
    static int floats(int h, int w, int stride) { return (stride == 1 ? 1 : 4) * rows(h, stride) * pitch(w, stride); }

    /** Where tap (ky, kx) of output q = 0 lies, from the channel's start. */
    static int tap(int h, int w, int stride, int ky, int kx) {
        int pitch = pitch(w, stride);
        if (stride == 1) return ky * pitch + kx;
        int phase = (ky == 1 ? 2 : 0) + (kx == 1 ? 1 : 0);
        return phase * rows(h, stride) * pitch + (ky / 2) * pitch + kx / 2;
    }

    /** The first input row that output rows from {@code rowFrom} on read. */
    static int firstInputRow(int h, int stride, int rowFrom) { return Math.max(0, rowFrom * stride - 1); }

    /** One past the last input row that output rows before {@code rowTo} read. */
    static int endInputRow(int h, int stride, int rowTo) { return Math.min(h, (rowTo - 1) * stride + 2); }

    /**
     * Copies input rows [rowFrom, rowTo) of the plane at {@code a[i]} (h x w) into the interior of
     * the channel at {@code split[base]}.
     */
    static void copy(float[] a, int i, int h, int w, int stride, float[] split, int base, int rowFrom, int rowTo) {
        int pitch = pitch(w, stride);
        if (stride == 1) {
            Simd.copyRows(a, i + rowFrom * w, w, split, base + (rowFrom + 1) * pitch + 1, pitch, rowTo - rowFrom, w);
            return;
        }
        int phaseFloats = rows(h, stride) * pitch;
        for (int iy = rowFrom; iy < rowTo; iy++) {
            // Padded row iy + 1: even padded rows are phases 0 and 1, odd ones phases 2 and 3.
            int padded = iy + 1;
            int row = base + (padded & 1) * 2 * phaseFloats + (padded >> 1) * pitch;
            int evenColumns = row + phaseFloats;  // input column 2u is padded column 2u + 1 (odd): phase +1, place u
            int oddColumns = row + 1;            // input column 2u + 1 is padded column 2u + 2 (even): place u + 1
            int src = i + iy * w;
            int u = 0;
            for (; 2 * u + 2 * L <= w; u += L) {
                FloatVector v0 = FloatVector.fromArray(S, a, src + 2 * u);
                FloatVector v1 = FloatVector.fromArray(S, a, src + 2 * u + L);
                v0.rearrange(EVEN, v1).intoArray(split, evenColumns + u);
                v0.rearrange(ODD, v1).intoArray(split, oddColumns + u);
            }
            int rest = w - 2 * u;
            if (rest > 0 && w % 2 == 0 && w >= 2 * L) {
                // An even row of two vectors or more ends with the pair that ends it, overlapping the
                // one before: the same floats to the same places, without masks (1.6x the copy at w = 56).
                int v = w / 2 - L;
                FloatVector v0 = FloatVector.fromArray(S, a, src + 2 * v);
                FloatVector v1 = FloatVector.fromArray(S, a, src + 2 * v + L);
                v0.rearrange(EVEN, v1).intoArray(split, evenColumns + v);
                v0.rearrange(ODD, v1).intoArray(split, oddColumns + v);
            } else if (rest > 0) {
                // The row's end (all of it in CIFAR's narrow planes) with masked loads and stores.
                FloatVector v0 = FloatVector.fromArray(S, a, src + 2 * u, S.indexInRange(0, rest));
                FloatVector v1 = FloatVector.fromArray(S, a, src + 2 * u + L, S.indexInRange(L, rest));
                v0.rearrange(EVEN, v1).intoArray(split, evenColumns + u, S.indexInRange(0, (rest + 1) / 2));
                v0.rearrange(ODD, v1).intoArray(split, oddColumns + u, S.indexInRange(0, rest / 2));
            }
        }
    }
}
