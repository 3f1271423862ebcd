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
