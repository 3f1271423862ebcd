package dev.snet.compiler.cli;

import dev.snet.compiler.Frontend;
import dev.snet.compiler.analysis.Summary;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.source.SourceFile;
import dev.snet.compiler.util.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Prints a model's layers with their output shapes, parameters and MACs, and the totals.",
                "Parameters count as PyTorch counts them; MACs count convolutions and fully connected layers.",
                "For a search space, also prints its size and choices; unset choices take their first option."})
final class SummaryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the .snet model")
    Path file;

    @Option(names = "-P", paramLabel = "NAME=VALUE", description = "set a model parameter or choice, e.g. -P width=0.5")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Option(names = "--flops", description = "also show FLOPs (2 x MACs)")
    boolean flops;

    @Mixin
    DiagnosticOptions diagnosticOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<SourceFile> source = SourceArgs.read(file, err, diagnosticOptions);
        if (source.isEmpty()) return Snetc.DIAGNOSTICS;
        Diagnostics diagnostics = new Diagnostics();
        Optional<Frontend.Checked> result = Frontend.elaborate(source.get(), file, overrides, diagnostics);
        diagnosticOptions.print(diagnostics, err);
        if (diagnostics.hasErrors() || result.isEmpty() || result.get().graph().isEmpty()) return Snetc.DIAGNOSTICS;
        Frontend.Checked checked = result.get();
        Summary summary = Summary.of(checked.graph().get(), checked.result().choices(),
                checked.result().choices().isEmpty() ? null : checked.spaceSize());
        out.print(json ? Json.write(summary.toJson(flops)) + "\n" : summary.toText(flops));
        out.flush();
        return Snetc.OK;
    }
}
