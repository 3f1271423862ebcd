package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Shape;

/** The output size of a sliding window, shared by convolutions and pooling. */
final class Windows {
    private Windows() {}

    static int size(int s, int k, int stride, int pad) { return (s + 2 * pad - k) / stride + 1; }

    static Shape pooled(Shape in, int k, int stride, int pad) {
        return Shape.chw(in.channels(), size(in.height(), k, stride, pad), size(in.width(), k, stride, pad));
    }
}
