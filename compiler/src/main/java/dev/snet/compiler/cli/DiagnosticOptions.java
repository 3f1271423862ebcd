package dev.snet.compiler.cli;

import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.diag.DiagnosticJson;
import dev.snet.compiler.diag.DiagnosticRenderer;
import dev.snet.compiler.diag.Diagnostics;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** How diagnostics are printed; shared by every command that reads .snet files. */
final class DiagnosticOptions {
    enum Format { human, json }

    enum Colour { auto, always, never }

    @Option(names = "--error-format", description = "human (default) or json", defaultValue = "human")
    Format format = Format.human;

    @Option(names = "--color", description = "auto (default: only on a terminal), always or never", defaultValue = "auto")
    Colour colour = Colour.auto;

    /** The launcher script tells us whether stderr is a terminal: the JVM cannot know it portably. */
    private boolean useColour() {
        return switch (colour) {
            case always -> true;
            case never -> false;
            case auto -> "1".equals(System.getenv("SNETC_TTY")) && System.getenv("NO_COLOR") == null;
        };
    }

    /**
     * An error that is not about a place in a source (a file that cannot be read, bad weights), in
     * the chosen format: with --error-format=json, a one-element array like any other diagnostic line.
     */
    int fail(PrintWriter err, String message) {
        if (format == Format.json) {
            java.util.Map<String, Object> o = new java.util.LinkedHashMap<>();
            o.put("severity", "error");
            o.put("code", null);
            o.put("message", message);
            o.put("span", null);
            o.put("secondary", List.of());
            o.put("notes", List.of());
            o.put("help", null);
            err.println(dev.snet.compiler.util.Json.write(List.of(o)));
        } else {
            err.println("error: " + message);
        }
        err.flush();
        return Snetc.DIAGNOSTICS;
    }

    /** Prints the diagnostics, or nothing when there are none (commands that go on to do more). */
    void printIfAny(Diagnostics diagnostics, PrintWriter err) {
        if (diagnostics.errorCount() + diagnostics.warningCount() > 0) print(diagnostics, err);
    }

    void print(Diagnostics diagnostics, PrintWriter err) {
        List<Diagnostic> all = diagnostics.sorted();
        if (format == Format.json) {
            err.print(DiagnosticJson.render(all));
        } else {
            DiagnosticRenderer r = new DiagnosticRenderer(useColour());
            for (Diagnostic d : all) {
                err.print(r.render(d));
                err.println();
            }
            long e = diagnostics.errorCount();
            long w = diagnostics.warningCount();
            if (diagnostics.omitted() > 0) err.println("(only the first " + all.size() + " are shown; " + diagnostics.omitted() + " more omitted)");
            if (e > 0) err.println(e + " error" + (e == 1 ? "" : "s") + (w > 0 ? ", " + w + " warning" + (w == 1 ? "" : "s") : ""));
        }
        err.flush();
    }
}
