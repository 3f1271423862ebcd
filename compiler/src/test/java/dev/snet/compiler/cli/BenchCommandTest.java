package dev.snet.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.runtime.io.JsonReader;
import dev.snet.runtime.kernels.Planar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    static final String CIFAR = "../examples/models/cifar_shufflenet.snet";

    @Test
    void jsonHasEveryFigurePerConfigurationAndTheProfileCoversEveryMac() throws Exception {
        SnetcRunner.Outcome o = SnetcRunner.run("bench", CIFAR, "-P", "groups=2", "--batch", "1,2", "--threads", "1,2",
                "--warmup", "0", "--iterations", "3", "--json", "--profile");
        assertEquals(0, o.exit(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals(4, lines.size(), o.out());
        long macs = 39_614_080L;
        for (String line : lines) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) JsonReader.parse(line);
            for (String key : List.of("batch", "threads", "median_ms", "p90_ms", "images_per_s", "gflops", "peak_fraction", "bytes_per_inference",
                    "kernels", "vector_bits", "vector_registers", "use_avx")) {
                assertTrue(r.containsKey(key), key + " in " + line);
            }
            // The width the figures were measured at is the kernels' own: 0 for the scalar ones.
            int bits = ((Number) r.get("vector_bits")).intValue();
            assertEquals(Planar.implementation(), r.get("kernels"));
            assertEquals(Planar.SIMD ? Planar.vectorShape().bits() : 0, bits);
            assertTrue(((Number) r.get("median_ms")).doubleValue() > 0);
            assertTrue(((Number) r.get("p90_ms")).doubleValue() >= ((Number) r.get("median_ms")).doubleValue());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps = (List<Map<String, Object>>) r.get("steps");
            assertEquals(macs, steps.stream().mapToLong(s -> ((Number) s.get("macs")).longValue()).sum(), "every MAC in some step");
        }
    }

    @Test
    void tableListsTheSlowestSteps() {
        SnetcRunner.Outcome o = SnetcRunner.run("bench", CIFAR, "--threads", "1", "--warmup", "0", "--iterations", "2", "--profile", "--top", "3");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("us/sample"), o.out());
        assertTrue(o.out().contains("more steps)"), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.trim().startsWith("total")), o.out());
    }

    @Test
    void badSettingsAreAUsageError() {
        SnetcRunner.Outcome o = SnetcRunner.run("bench", CIFAR, "--batch", "0");
        assertEquals(Snetc.USAGE, o.exit());
        assertTrue(o.err().contains("batch sizes"), o.err());
    }
}
