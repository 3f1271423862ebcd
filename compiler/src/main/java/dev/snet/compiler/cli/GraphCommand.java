package dev.snet.compiler.cli;

import dev.snet.compiler.analysis.Cost;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.passes.PassManager;
import dev.snet.compiler.render.GraphDot;
import dev.snet.compiler.render.Graphviz;
import dev.snet.runtime.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Draws a model's graph: each node with its layer name, op, output shape and MACs.",
                "Views (a shuffle, split or concat that moves no data after optimisation) are dashed.",
                "FILE.dot is DOT text; FILE.svg and FILE.png are rendered with Graphviz's dot when it is",
                "installed, and otherwise the DOT text is written beside them (FILE.dot) with a warning."})
final class GraphCommand implements Callable<Integer> {
    @Mixin
    ConcreteModel modelFile;

    @Option(names = {"-o", "--output"}, converter = OutputFile.class, paramLabel = "FILE", required = true, description = "FILE.svg, FILE.png or FILE.dot")
    Path out;

    @ArgGroup(exclusive = true)
    Level level = new Level();

    static final class Level {
        @Option(names = "-O0", description = "the graph as written: no optimisation pass")
        boolean none;

        @Option(names = "-O2", description = "the graph as compiled (the default)")
        boolean full;
    }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String name = out.getFileName() == null ? "" : out.getFileName().toString();
        String format = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!Set.of("dot", "svg", "png").contains(format)) {
            err.println("snetc graph: -o " + out + ": the file name must end in .svg, .png or .dot");
            err.flush();
            return Snetc.USAGE;
        }
        Optional<String> unwritable = SourceArgs.unwritable(out);
        if (unwritable.isPresent()) return SourceArgs.error(err, unwritable.get());
        Optional<Graph> source = modelFile.graph(err);
        if (source.isEmpty()) return Snetc.DIAGNOSTICS;
        boolean optimise = !level.none;
        Graph g = new PassManager(optimise ? PassManager.standard() : List.of(), Set.of(), (a, b) -> { }).run(source.get());
        String title = GraphDot.modelTitle(g) + (optimise ? " (-O2)" : " (-O0)")
                + String.format(Locale.ROOT, ", %.2f M MACs, %,d parameters", Cost.totalMacs(g) / 1e6, Cost.totalParams(source.get()));
        String dot = GraphDot.of(g, title);
        try {
            if (format.equals("dot")) {
                writeText(out, dot);
                return Snetc.OK;
            }
            Path rendered = Files.createTempFile("snetc-graph-", "." + format);
            try {
                Graphviz.render(dot, format, rendered);
                AtomicFiles.write(out, o -> Files.copy(rendered, o));
            } catch (Graphviz.RenderException e) {
                Path dotFile = out.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".dot");
                writeText(dotFile, dot);
                err.println("warning: " + e.getMessage() + "; wrote the DOT text to " + dotFile
                        + " instead (render it with `dot -T" + format + " " + dotFile + " -o " + out + "`)");
                err.flush();
            } finally {
                Files.deleteIfExists(rendered);
            }
        } catch (IOException e) {
            return SourceArgs.error(err, "cannot write " + out + ": " + SourceArgs.reason(e));
        }
        return Snetc.OK;
    }

    private static void writeText(Path file, String text) throws IOException {
        AtomicFiles.write(file, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
    }

}
