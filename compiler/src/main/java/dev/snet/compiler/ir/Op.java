package dev.snet.compiler.ir;

import java.util.List;

/** What a node computes. Attributes are concrete numbers: sema has evaluated every expression. */
public sealed interface Op {

    /** The short name shown in summaries and IR dumps. */
    String kind();

    /** Learned tensors (and buffers) this op reads, with their shapes, given its input shape. */
    default List<Param> parameters(Shape input) { return List.of(); }

    /** A named tensor of the op's weights; {@code trainable} is false for BatchNorm's running statistics. */
    record Param(String suffix, List<Integer> shape, boolean trainable) {
        public long size() {
            long n = 1;
            for (int d : shape) n *= d;
            return n;
        }
    }

    record Input() implements Op {
        public String kind() { return "input"; }
    }

    /**
     * A convolution; with {@code residual}, its node has a second input of the output's shape that
     * is added before the activation (a residual add fused in: see FuseResidual).
     */
    record Conv(int outChannels, int kernel, int stride, int padding, int groups, boolean bias, Activation activation, boolean residual)
            implements Op {
        public Conv(int outChannels, int kernel, int stride, int padding, int groups, boolean bias, Activation activation) {
            this(outChannels, kernel, stride, padding, groups, bias, activation, false);
        }

        public String kind() { return "conv"; }

        public Conv withActivation(Activation a) { return new Conv(outChannels, kernel, stride, padding, groups, bias, a, residual); }

        public Conv withBias() { return new Conv(outChannels, kernel, stride, padding, groups, true, activation, residual); }

        public Conv withResidual(Activation a) { return new Conv(outChannels, kernel, stride, padding, groups, bias, a, true); }

        public List<Param> parameters(Shape input) {
            Param w = new Param("weight", List.of(outChannels, input.channels() / groups, kernel, kernel), true);
            return bias ? List.of(w, new Param("bias", List.of(outChannels), true)) : List.of(w);
        }

        public boolean depthwise(Shape input) { return groups == input.channels() && groups == outChannels && groups > 1; }
    }

    record BatchNorm(double eps) implements Op {
        public String kind() { return "bn"; }

        public List<Param> parameters(Shape input) {
            List<Integer> c = List.of(input.channels());
            return List.of(new Param("weight", c, true), new Param("bias", c, true),
                    new Param("running_mean", c, false), new Param("running_var", c, false));
        }
    }

    /** A stand-alone activation (one that FuseActivation could not fuse into its producer). */
    record Activate(Activation activation) implements Op {
        public Activate {
            if (activation == Activation.NONE) throw new IllegalArgumentException("an activation op needs an activation");
        }

        public String kind() { return activation.keyword(); }
    }

    /**
     * The first input times the second, a [C, 1, 1] tensor of per-channel factors:
     * squeeze-and-excitation's rescaling, written {@code scale(x, s)}.
     */
    record Scale() implements Op {
        public String kind() { return "scale"; }
    }

    /** ShuffleNet's channel shuffle: [g, C/g] viewed as [C/g, g]. */
    record Shuffle(int groups) implements Op {
        public String kind() { return "shuffle"; }
    }

    /** Channels [start, start + count) of the input: what {@code split} produces, one node per part. */
    record Slice(int start, int count) implements Op {
        public String kind() { return "slice"; }
    }

    record Concat() implements Op {
        public String kind() { return "concat"; }
    }

    record Add(Activation activation) implements Op {
        public String kind() { return "add"; }
    }

    /**
     * A gather of channels from one or more inputs, computed by nobody: split, concat and channel
     * shuffle become views after optimisation, and the memory plan resolves them to where the
     * channels already are.
     */
    record View(List<Source> channels) implements Op {
        public View {
            channels = List.copyOf(channels);
        }

        public String kind() { return "view"; }
    }

    /** Channel {@code channel} of the view's input number {@code input}. */
    record Source(int input, int channel) {}

    record MaxPool(int kernel, int stride, int padding) implements Op {
        public String kind() { return "maxpool"; }
    }

    /** Average pooling; {@code countIncludePad} as in PyTorch (padding zeros count in the divisor). */
    record AvgPool(int kernel, int stride, int padding, boolean countIncludePad) implements Op {
        public String kind() { return "avgpool"; }
    }

    record GlobalAvgPool() implements Op {
        public String kind() { return "global_avgpool"; }
    }

    record Flatten() implements Op {
        public String kind() { return "flatten"; }
    }

    record Linear(int outFeatures, boolean bias, Activation activation) implements Op {
        public String kind() { return "fc"; }

        public Linear withActivation(Activation a) { return new Linear(outFeatures, bias, a); }

        public Linear withBias() { return new Linear(outFeatures, true, activation); }

        public List<Param> parameters(Shape input) {
            Param w = new Param("weight", List.of(outFeatures, input.channels()), true);
            return bias ? List.of(w, new Param("bias", List.of(outFeatures), true)) : List.of(w);
        }
    }

    record Softmax() implements Op {
        public String kind() { return "softmax"; }
    }
}
