package dev.snet.runtime.weights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Weights from a safetensors file. {@link #require} checks every expected key, dtype and shape;
 * tensors the model does not use are listed in one warning, except integer scalars such as
 * PyTorch's {@code num_batches_tracked}, which are ignored silently.
 */
public final class SafeTensorsSource implements WeightSource, AutoCloseable {
    private final SafeTensors file;
    private final Consumer<String> warnings;

    public SafeTensorsSource(SafeTensors file, Consumer<String> warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    public static SafeTensorsSource open(Path path, Consumer<String> warnings) throws WeightsException {
        return new SafeTensorsSource(SafeTensors.open(path), warnings);
    }

    @Override
    public void require(String[] keys, int[][] shapes) throws WeightsException {
        String name = file.displayName();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            SafeTensors.Entry e = file.entries().get(keys[i]);
            if (e == null) {
                missing.add(i);
                continue;
            }
            if (!e.dtype().isFloating()) {
                throw new WeightsException(name + ": tensor `" + keys[i] + "`: expected a floating-point dtype (F32, F16 or BF16), found " + e.dtype());
            }
            if (!e.shape().equals(Arrays.stream(shapes[i]).boxed().toList())) {
                throw new WeightsException(name + ": tensor `" + keys[i] + "`: expected shape " + Arrays.toString(shapes[i]) + ", found " + e.shape());
            }
        }
        if (!missing.isEmpty()) {
            int first = missing.get(0);
            String more = missing.size() == 1 ? "" : " and " + (missing.size() - 1) + " more ("
                    + String.join(", ", missing.subList(1, Math.min(4, missing.size())).stream().map(i -> "`" + keys[i] + "`").toList())
                    + (missing.size() > 4 ? ", ..." : "") + ")";
            throw new WeightsException(name + ": missing tensor `" + keys[first] + "` (F32 " + Arrays.toString(shapes[first]) + ")" + more
                    + "; the model expects " + keys.length + " tensors: see `snetc summary` for its layer names");
        }
        Set<String> used = new HashSet<>(Arrays.asList(keys));
        List<String> extra = file.entries().values().stream()
                .filter(e -> !used.contains(e.name()))
                .filter(e -> e.dtype().isFloating() || e.elements() > 1)
                .map(SafeTensors.Entry::name).sorted().toList();
        if (!extra.isEmpty()) {
            warnings.accept(name + ": " + extra.size() + " tensor" + (extra.size() == 1 ? " is" : "s are") + " not used by the model: "
                    + String.join(", ", extra.subList(0, Math.min(8, extra.size())).stream().map(k -> "`" + k + "`").toList())
                    + (extra.size() > 8 ? ", ..." : ""));
        }
    }

    @Override
    public float[] tensor(String key) throws WeightsException {
        return file.floats(key);
    }

    @Override
    public void close() {
        file.close();
    }
}
