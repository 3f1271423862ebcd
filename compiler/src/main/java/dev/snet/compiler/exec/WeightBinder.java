package dev.snet.compiler.exec;

import dev.snet.compiler.ir.Graph;
import dev.snet.runtime.weights.SafeTensors;
import dev.snet.runtime.weights.WeightsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Binds a safetensors file to a graph: every expected key must be there, floating-point, with the
 * expected shape. Tensors the model does not use are reported in one warning; integer scalars
 * such as PyTorch's {@code num_batches_tracked} are ignored silently.
 */
public final class WeightBinder {
    private WeightBinder() {}

    public static BoundWeights bind(Graph g, Path file, Consumer<String> warnings) throws WeightsException {
        try (SafeTensors st = SafeTensors.open(file)) {
            String name = st.displayName();
            List<BoundWeights.Expected> expected = BoundWeights.expected(g);
            List<String> missing = new ArrayList<>();
            for (BoundWeights.Expected e : expected) {
                SafeTensors.Entry entry = st.entries().get(e.key());
                if (entry == null) {
                    missing.add(e.key());
                    continue;
                }
                if (!entry.dtype().isFloating()) {
                    throw new WeightsException(name + ": tensor `" + e.key() + "`: expected a floating-point dtype (F32, F16 or BF16), found " + entry.dtype());
                }
                if (!entry.shape().equals(e.param().shape())) {
                    throw new WeightsException(name + ": tensor `" + e.key() + "`: expected shape " + e.param().shape() + ", found " + entry.shape());
                }
            }
            if (!missing.isEmpty()) {
                BoundWeights.Expected first = expected.stream().filter(e -> e.key().equals(missing.get(0))).findFirst().orElseThrow();
                String more = missing.size() == 1 ? "" : " and " + (missing.size() - 1) + " more ("
                        + String.join(", ", missing.subList(1, Math.min(4, missing.size())).stream().map(k -> "`" + k + "`").toList())
                        + (missing.size() > 4 ? ", ..." : "") + ")";
                throw new WeightsException(name + ": missing tensor `" + first.key() + "` (F32 " + first.param().shape() + ")" + more
                        + "; the model expects " + expected.size() + " tensors: see `snetc summary` for its layer names");
            }
            Map<Integer, List<float[]>> byNode = new HashMap<>();
            for (BoundWeights.Expected e : expected) byNode.computeIfAbsent(e.node().id(), k -> new ArrayList<>()).add(st.floats(e.key()));
            Set<String> used = new LinkedHashSet<>(expected.stream().map(BoundWeights.Expected::key).toList());
            List<String> extra = st.entries().values().stream()
                    .filter(en -> !used.contains(en.name()))
                    .filter(en -> en.dtype().isFloating() || en.elements() > 1)
                    .map(SafeTensors.Entry::name).sorted().toList();
            if (!extra.isEmpty()) {
                warnings.accept(name + ": " + extra.size() + " tensor" + (extra.size() == 1 ? " is" : "s are") + " not used by the model: "
                        + String.join(", ", extra.subList(0, Math.min(8, extra.size())).stream().map(k -> "`" + k + "`").toList())
                        + (extra.size() > 8 ? ", ..." : ""));
            }
            return new BoundWeights(byNode);
        }
    }
}
