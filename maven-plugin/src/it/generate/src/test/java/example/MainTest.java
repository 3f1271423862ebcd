package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.runtime.weights.RandomInit;
import example.models.TinyFive;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void theGeneratedModelRuns() throws Exception {
        float[] y = Main.logits();
        assertEquals(3, y.length);
        for (float v : y) assertTrue(Float.isFinite(v));
    }

    @Test
    void eachParameterSetIsItsOwnClass() throws Exception {
        assertEquals(5, new TinyFive(new RandomInit(1)).outputSize());
    }
}
