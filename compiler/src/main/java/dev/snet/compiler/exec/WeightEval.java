package dev.snet.compiler.exec;

import dev.snet.compiler.ir.Weight;
import dev.snet.runtime.weights.WeightOps;

/** Evaluates a node's weight expression on the file tensors, with the same runtime code compiled models use. */
public final class WeightEval {
    private WeightEval() {}

    public static float[] eval(Weight w, RawWeights raw) {
        return switch (w) {
            case Weight.Raw r -> raw.tensors().get(r.key());
            case Weight.BnScaled s -> WeightOps.bnScaled(eval(s.weight(), raw), t(s.bn().gamma(), raw), t(s.bn().var(), raw), s.bn().eps());
            case Weight.BnShift s -> WeightOps.bnShift(s.bias() == null ? null : eval(s.bias(), raw), t(s.bn().gamma(), raw),
                    t(s.bn().beta(), raw), t(s.bn().mean(), raw), t(s.bn().var(), raw), s.bn().eps());
        };
    }

    private static float[] t(Weight.Raw r, RawWeights raw) { return raw.tensors().get(r.key()); }
}
