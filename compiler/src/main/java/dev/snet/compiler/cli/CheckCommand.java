package dev.snet.compiler.cli;

import dev.snet.compiler.Frontend;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.source.SourceFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Parses and checks .snet files: syntax, names, types and every shape.",
                "Files holding only blocks (libraries) are checked too. Exit code 1 when any file has errors."})
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".snet files to check")
    List<Path> files;

    @Option(names = "-P", paramLabel = "NAME=VALUE", description = "set a model parameter or choice")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--concrete", description = "require every choice to have a value, as run and compile do")
    boolean concrete;

    @Mixin
    DiagnosticOptions diagnosticOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = false;
        for (Path path : files) {
            Optional<SourceFile> file = SourceArgs.read(path, err, diagnosticOptions);
            if (file.isEmpty()) {
                failed = true;
                continue;
            }
            Diagnostics diagnostics = new Diagnostics();
            Frontend.check(file.get(), path, overrides, diagnostics)
                    .filter(c -> concrete)
                    .ifPresent(c -> dev.snet.compiler.sema.Elaborator.requireConcrete(c.result(), diagnostics));
            diagnosticOptions.print(diagnostics, err);
            if (diagnostics.hasErrors()) failed = true;
            else if (diagnosticOptions.format == DiagnosticOptions.Format.human) out.println(file.get().path() + ": ok");
        }
        out.flush();
        return failed ? Snetc.DIAGNOSTICS : Snetc.OK;
    }
}
