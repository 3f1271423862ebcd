package dev.snet.compiler.cli;

import dev.snet.compiler.export.PyTorchExport;
import dev.snet.compiler.ir.Graph;
import dev.snet.runtime.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports a model to another framework, for training it there.",
                "--format pytorch writes a standalone nn.Module whose state_dict keys are snet's weight keys:",
                "train it, save its state_dict, convert it with tools/pth_to_safetensors.py, and `snetc run --weights` it."})
final class ExportCommand implements Callable<Integer> {
    enum Format { pytorch }

    @Mixin
    ConcreteModel modelFile;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "pytorch")
    Format format;

    @Option(names = {"-o", "--output"}, converter = OutputFile.class, paramLabel = "FILE.py", required = true, description = "the Python module to write")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> unwritable = SourceArgs.unwritable(out);
        if (unwritable.isPresent()) return SourceArgs.error(err, unwritable.get());
        Optional<Graph> graph = modelFile.graph(err);
        if (graph.isEmpty()) return Snetc.DIAGNOSTICS;
        String python = switch (format) {
            case pytorch -> PyTorchExport.of(graph.get(), modelFile.file.getFileName().toString());
        };
        try {
            AtomicFiles.write(out, o -> o.write(python.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return SourceArgs.error(err, "cannot write " + out + ": " + SourceArgs.reason(e));
        }
        return Snetc.OK;
    }

}
