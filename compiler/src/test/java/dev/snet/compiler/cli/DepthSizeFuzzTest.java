package dev.snet.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.sema.Elaborator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random depths, list lengths and tensor sizes around snet's limits, with an exact oracle: below a
 * limit the model checks (or reports the one planted mistake), above it the checker names the
 * limit at the right line; never an internal error. Seeded: a failure reproduces.
 * {@code -Dsnet.fuzz.cases=N} runs more (default 200).
 */
class DepthSizeFuzzTest {
    private static final int CASES = Integer.getInteger("snet.fuzz.cases", 10_000) / 50;

    @TempDir
    Path dir;

    @Test
    void depthsAndSizesNearTheLimits() throws Exception {
        SplittableRandom random = new SplittableRandom(20261130);
        for (int n = 0; n < CASES; n++) {
            switch (n % 3) {
                case 0 -> nesting(random, n);
                case 1 -> lists(random, n);
                default -> tensors(random, n);
            }
        }
    }

    private void nesting(SplittableRandom random, int n) throws Exception {
        int depth = 1 + random.nextInt(random.nextBoolean() ? 100 : 20_000);
        boolean mistake = random.nextBoolean();
        String leaf = mistake ? "nope" : "1";
        String expr = switch (random.nextInt(5)) {
            case 0 -> "(".repeat(depth) + leaf + ")".repeat(depth);
            case 1 -> "-".repeat(depth) + leaf;
            case 2 -> "[".repeat(depth) + leaf + "]".repeat(depth);
            case 3 -> "if true then ".repeat(depth) + leaf + " else 0".repeat(depth);
            default -> "1" + " + 1".repeat(depth) + " + " + leaf;
        };
        SnetcRunner.Outcome o = check(n, "  let a = " + expr + "\n  x = x |> relu");
        assertEquals(mistake ? 1 : 0, o.exit(), "case " + n + " depth " + depth + ": " + first(o));
        if (mistake) assertTrue(o.err().contains(":3:") && o.err().contains("unknown name `nope`"), "case " + n + ": " + first(o));
    }

    private void lists(SplittableRandom random, int n) throws Exception {
        long limit = Elaborator.MAX_LIST_VALUES;
        if (random.nextBoolean()) {
            int length = (int) (limit - 3 + random.nextInt(7));  // 99,997 .. 100,003
            SnetcRunner.Outcome o = check(n, "  let a = [" + "1, ".repeat(length - 1) + "1]\n  x = x |> relu");
            assertEquals(length <= limit ? 0 : 1, o.exit(), "case " + n + " length " + length + ": " + first(o));
        } else {
            int levels = 10 + random.nextInt(12);  // [a, a] doubled: 2^(levels+2) - 2 values at the top
            StringBuilder b = new StringBuilder("  let a0 = [1, 1]\n");
            for (int i = 0; i < levels; i++) b.append("  let a").append(i + 1).append(" = [a").append(i).append(", a").append(i).append("]\n");
            long size = (1L << (levels + 2)) - 2;
            SnetcRunner.Outcome o = check(n, b + "  let top = a" + levels + "\n  x = x |> relu");
            assertEquals(size <= limit ? 0 : 1, o.exit(), "case " + n + " levels " + levels + ": " + first(o));
        }
    }

    private void tensors(SplittableRandom random, int n) throws Exception {
        long limit = Elaborator.MAX_TENSOR_VALUES;
        int h = 8 + random.nextInt(1024);
        int w = 8 + random.nextInt(1024);
        long plane = (long) h * w;
        int out = (int) Math.max(1, limit / plane - 2 + random.nextInt(5));  // just under, at or just over the limit
        Path f = Files.writeString(dir.resolve("t" + n + ".snet"),
                "model T {\n  input x: [1, " + h + ", " + w + "]\n  x = x |> conv(" + out + ", 1)\n  return x |> global_avgpool |> flatten\n}\n");
        SnetcRunner.Outcome o = SnetcRunner.run("check", f.toString(), "--color=never");
        boolean over = out * plane > limit;
        assertEquals(over ? 1 : 0, o.exit(), "case " + n + " [" + out + ", " + h + ", " + w + "]: " + first(o));
        if (over) assertTrue(o.err().contains(":3:12: error[SN0212]: this layer's output holds"), first(o));
    }

    private SnetcRunner.Outcome check(int n, String body) throws Exception {
        Path f = Files.writeString(dir.resolve("f" + n + ".snet"), "model M {\n  input x: [3, 8, 8]\n" + body + "\n  return x |> global_avgpool |> flatten\n}\n");
        SnetcRunner.Outcome o = SnetcRunner.run("check", f.toString(), "--color=never");
        assertFalse(o.err().contains("internal error") || o.err().contains("Exception"), "case " + n + ": " + o.err());
        return o;
    }

    private static String first(SnetcRunner.Outcome o) {
        return o.err().lines().findFirst().orElse("(nothing on stderr)");
    }
}
