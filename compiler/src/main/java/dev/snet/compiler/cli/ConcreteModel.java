package dev.snet.compiler.cli;

import dev.snet.compiler.Frontend;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.source.SourceFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The model a command works on: its file, its -P assignments (every choice needs one), and how errors are shown. */
final class ConcreteModel {
    @Parameters(paramLabel = "FILE", index = "0", description = "the .snet model")
    Path file;

    @Option(names = "-P", paramLabel = "NAME=VALUE", description = "set a model parameter or choice, e.g. -P width=0.5")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Mixin
    DiagnosticOptions diagnosticOptions;

    /** Reports an error about the command's inputs in the chosen diagnostic format. */
    int fail(PrintWriter err, String message) { return diagnosticOptions.fail(err, message); }

    /** The checked graph, or empty after printing why (diagnostics, or a file that cannot be read). */
    Optional<Graph> graph(PrintWriter err) {
        Optional<SourceFile> source = SourceArgs.read(file, err, diagnosticOptions);
        if (source.isEmpty()) return Optional.empty();
        Diagnostics diagnostics = new Diagnostics();
        Optional<Graph> graph = Frontend.concrete(source.get(), file, overrides, diagnostics);
        diagnosticOptions.printIfAny(diagnostics, err);
        return graph;
    }
}
