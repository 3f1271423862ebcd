package dev.snet.compiler.exec;

import dev.snet.compiler.ir.Graph;
import dev.snet.runtime.weights.RandomInit;
import dev.snet.runtime.weights.WeightsException;

/** The runtime's deterministic initialisation, read for the interpreter. */
public final class RandomWeights {
    private RandomWeights() {}

    public static RawWeights of(Graph g, long seed) {
        try {
            return RawWeights.read(g, new RandomInit(seed));
        } catch (WeightsException e) {
            throw new IllegalStateException("random weights cover every key they are asked for", e);
        }
    }
}
