package dev.snet.compiler;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.sema.Elaborator;
import dev.snet.compiler.sema.SearchSpace;
import dev.snet.compiler.source.SourceFile;
import dev.snet.compiler.source.SourceSpan;
import dev.snet.compiler.syntax.Ast;
import dev.snet.compiler.syntax.Loader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The front end as one call: text to a checked graph, with every diagnostic collected. */
public final class Frontend {
    private Frontend() {}

    /** A file's model after semantic analysis, with what is needed to explore its search space. */
    public record Checked(Loader.Unit unit, Ast.ModelDecl model, Map<String, String> overrides, Elaborator.Result result) {
        public Optional<Graph> graph() { return result.graph(); }

        public SearchSpace.Size spaceSize() { return SearchSpace.size(unit, model, overrides, result.choices()); }
    }

    /** Checks a file that may hold only blocks (a library); a model, when present, is elaborated too. */
    public static Optional<Checked> check(SourceFile file, Path path, Map<String, String> overrides, Diagnostics diagnostics) {
        Optional<Loader.Unit> unit = Loader.load(file, path, diagnostics);
        if (unit.isEmpty()) return Optional.empty();
        if (unit.get().models().isEmpty()) {
            Elaborator.checkBlocks(unit.get(), diagnostics);
            return Optional.empty();
        }
        return elaborate(unit.get(), overrides, diagnostics);
    }

    /** Elaborates the file's model; a file without exactly one model is an error here. */
    public static Optional<Checked> elaborate(SourceFile file, Path path, Map<String, String> overrides, Diagnostics diagnostics) {
        Optional<Loader.Unit> unit = Loader.load(file, path, diagnostics);
        if (unit.isEmpty()) return Optional.empty();
        if (unit.get().models().isEmpty()) {
            diagnostics.report(Diagnostic.error(Code.SN0103, new SourceSpan(file, 0, Math.min(1, file.text().length())),
                            "`" + file.path() + "` declares no model")
                    .label("a library of blocks only").help("declare one with `model Name(...) { input x: [3, 224, 224] ... return x }`"));
            return Optional.empty();
        }
        return elaborate(unit.get(), overrides, diagnostics);
    }

    /** Elaborates a concrete model: every choice must have a value. */
    public static Optional<Graph> concrete(SourceFile file, Path path, Map<String, String> overrides, Diagnostics diagnostics) {
        Optional<Checked> checked = elaborate(file, path, overrides, diagnostics);
        checked.ifPresent(c -> Elaborator.requireConcrete(c.result(), diagnostics));
        return diagnostics.hasErrors() ? Optional.empty() : checked.flatMap(Checked::graph);
    }

    private static Optional<Checked> elaborate(Loader.Unit unit, Map<String, String> overrides, Diagnostics diagnostics) {
        if (unit.models().size() > 1) {
            Ast.ModelDecl second = unit.models().get(1);
            diagnostics.report(Diagnostic.error(Code.SN0103, second.nameSpan(), "a file declares one model; this is a second one")
                    .label("second model")
                    .secondary(unit.models().get(0).nameSpan(), "the first model")
                    .help("move `" + second.name() + "` to its own file; share blocks between them with `import`"));
            return Optional.empty();
        }
        Ast.ModelDecl model = unit.models().get(0);
        return Optional.of(new Checked(unit, model, overrides, Elaborator.elaborate(unit, model, overrides, diagnostics)));
    }
}
