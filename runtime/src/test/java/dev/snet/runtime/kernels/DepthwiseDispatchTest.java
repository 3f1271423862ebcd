package dev.snet.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The 5x5 and 7x7 depthwise kernels the zoo's search spaces offer take a vector kernel at stride 1 and 2, not the scalar loop. */
class DepthwiseDispatchTest {
    @Test
    void searchSpaceKernelsAreVectorised() {
        if (!Planar.SIMD) return;  // the scalar build has nothing else to take
        // 3x3 with pad 1 at stride 1 and 2 always takes one of the window kernels (see Planar.convClamped); 5x5 and 7x7 this one.
        for (int k : new int[] {5, 7}) {
            for (int stride : new int[] {1, 2}) assertTrue(SimdDepthwise.fits(k, stride, k / 2), "k=" + k + " stride=" + stride);
        }
    }
}
