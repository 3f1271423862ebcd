package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import java.util.Optional;

/** Sliding windows: the output size convolutions and pooling share, and the pools' steps. */
final class Windows {
    private Windows() {}

    static int size(int s, int k, int stride, int pad) { return (s + 2 * pad - k) / stride + 1; }

    static Shape pooled(Shape in, int k, int stride, int pad) {
        return Shape.chw(in.channels(), size(in.height(), k, stride, pad), size(in.width(), k, stride, pad));
    }

    /** A maxpool or avgpool step: its arguments checked, then the op. */
    static Optional<Op> pool(LayerCall call, boolean average) {
        int kernel = call.integer("kernel", 1, 1024);
        int stride = call.integer("stride", 1, 1024);
        int pad = call.integer("pad", 0, 1024);
        if (call.failed()) return Optional.empty();
        if (pad > kernel / 2) {
            call.rangeError("pad " + pad + " is more than half the kernel " + kernel, "use pad at most " + kernel / 2 + ", as PyTorch requires");
            return Optional.empty();
        }
        call.outputSize(call.input().height(), kernel, stride, pad, "height");
        call.outputSize(call.input().width(), kernel, stride, pad, "width");
        if (call.failed()) return Optional.empty();
        return Optional.of(average ? new Op.AvgPool(kernel, stride, pad, call.bool("count_include_pad")) : new Op.MaxPool(kernel, stride, pad));
    }
}
