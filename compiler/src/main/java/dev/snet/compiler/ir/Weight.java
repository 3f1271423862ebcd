package dev.snet.compiler.ir;

import java.util.List;

/**
 * Where a node's weight tensor comes from: a tensor of the weights file, or a transformation of
 * such tensors that a pass introduced (BN folding). The generated constructor and the interpreter
 * both evaluate these at bind time, so a compiled model loads the same files as the source model.
 */
public sealed interface Weight {
    List<Integer> shape();

    /** A tensor of the weights file, by key. */
    record Raw(String key, List<Integer> shape) implements Weight {
        public Raw {
            shape = List.copyOf(shape);
        }
    }

    /** The batch norm whose statistics are folded: keys {@code prefix.weight}, {@code .bias}, {@code .running_mean}, {@code .running_var}. */
    record BatchNormRef(String prefix, int channels, double eps) {
        public Raw gamma() { return new Raw(prefix + ".weight", List.of(channels)); }
        public Raw beta() { return new Raw(prefix + ".bias", List.of(channels)); }
        public Raw mean() { return new Raw(prefix + ".running_mean", List.of(channels)); }
        public Raw var() { return new Raw(prefix + ".running_var", List.of(channels)); }
    }

    /** {@code weight} with each slice along dimension 0 scaled by gamma / sqrt(var + eps). */
    record BnScaled(Weight weight, BatchNormRef bn) implements Weight {
        public List<Integer> shape() { return weight.shape(); }
    }

    /** (bias - mean) * gamma / sqrt(var + eps) + beta; a null {@code bias} counts as zero. */
    record BnShift(Weight bias, BatchNormRef bn) implements Weight {
        public List<Integer> shape() { return List.of(bn.channels()); }
    }
}
