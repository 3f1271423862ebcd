package dev.snet.compiler.exec;

import dev.snet.compiler.ir.Graph;
import dev.snet.runtime.weights.SafeTensorsSource;
import dev.snet.runtime.weights.WeightsException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Reads the tensors a graph needs from a safetensors file, checking them all first. */
public final class WeightBinder {
    private WeightBinder() {}

    public static RawWeights bind(Graph g, Path file, Consumer<String> warnings) throws WeightsException {
        try (SafeTensorsSource source = SafeTensorsSource.open(file, warnings)) {
            return RawWeights.read(g, source);
        }
    }
}
