package example;

import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.weights.RandomInit;
import example.models.Tiny;

/** Uses a class the plugin generated from src/main/snet/tiny.snet. */
public final class Main {
    private Main() {}

    public static float[] logits() throws dev.snet.runtime.weights.WeightsException {
        CompiledModel model = new Tiny(new RandomInit(1));
        float[] x = new float[model.inputSize()];
        java.util.Arrays.fill(x, 0.5f);
        float[] y = new float[model.outputSize()];
        model.run(x, y, 1);
        return y;
    }

    public static void main(String[] args) throws Exception {
        System.out.println(java.util.Arrays.toString(logits()));
    }
}
