package dev.snet.examples;

import dev.snet.examples.models.ShuffleNetV2;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.Tensor;
import dev.snet.runtime.io.Images;
import dev.snet.runtime.weights.RandomInit;
import dev.snet.runtime.weights.SafeTensorsSource;
import dev.snet.runtime.weights.WeightsException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a service embeds a model: ShuffleNetV2 was compiled from models/shufflenet_v2.snet when this
 * module was built, and only the runtime is needed to use it.
 *
 * <pre>java -cp runtime.jar:examples.jar dev.snet.examples.Classify IMAGE [WEIGHTS.safetensors [LABELS.txt]]</pre>
 *
 * Without weights it uses a deterministic random initialisation, which shows the plumbing but
 * recognises nothing.
 */
public final class Classify {
    private Classify() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: Classify IMAGE [WEIGHTS.safetensors [LABELS.txt]]");
            System.exit(2);
        }
        try {
            classify(Path.of(args[0]), args.length > 1 ? Path.of(args[1]) : null, args.length > 2 ? Path.of(args[2]) : null, System.out);
        } catch (IOException | WeightsException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static void classify(Path image, Path weights, Path labels, PrintStream out) throws IOException, WeightsException {
        CompiledModel model;
        if (weights == null) {
            model = new ShuffleNetV2(new RandomInit(0));
        } else {
            try (SafeTensorsSource source = SafeTensorsSource.open(weights, w -> System.err.println("warning: " + w))) {
                model = new ShuffleNetV2(source);
            }
        }
        int[] in = model.inputShape();
        Tensor x = Images.read(image, in[0], in[1], in[2], Images.Preprocessing.imagenet(in[1]));
        float[] logits = new float[model.outputSize()];
        model.run(x.data(), logits, 1);
        List<String> names = labels == null ? List.of() : Files.readAllLines(labels);
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        for (int r = 0; r < 5; r++) {
            int c = order[r];
            out.printf("%d. class %d  %.4f%s%n", r + 1, c, logits[c], c < names.size() ? "  " + names.get(c) : "");
        }
    }
}
