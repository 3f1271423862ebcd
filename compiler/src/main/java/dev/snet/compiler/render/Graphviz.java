package dev.snet.compiler.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders DOT text with Graphviz's {@code dot}, when it is installed. */
public final class Graphviz {
    private Graphviz() {}

    /** dot is missing, failed or took too long: the message says which. */
    public static final class RenderException extends Exception {
        RenderException(String message) { super(message); }
    }

    /** Writes {@code dot -T<format>} of {@code dot} to {@code out}. */
    public static void render(String dot, String format, Path out) throws RenderException, IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(List.of("dot", "-T" + format, "-o", out.toString()))
                    .redirectErrorStream(true).start();
        } catch (IOException notFound) {
            throw new RenderException("Graphviz's `dot` is not installed (Debian: apt-get install graphviz)");
        }
        try (var in = p.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new RenderException("`dot` did not finish within 120 s");
        }
        if (p.exitValue() != 0) throw new RenderException("`dot -T" + format + "` failed: " + said.lines().findFirst().orElse("exit " + p.exitValue()));
    }
}
