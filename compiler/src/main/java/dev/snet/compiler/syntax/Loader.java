package dev.snet.compiler.syntax;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a .snet file and, transitively, the files it imports (paths relative to the importing
 * file, each read once), and gathers their declarations into one compilation unit.
 */
public final class Loader {
    private final Diagnostics diagnostics;
    private final Set<Path> visited = new LinkedHashSet<>();
    private final List<Ast.ModelDecl> models = new ArrayList<>();
    private final Map<String, Ast.BlockDecl> blocks = new LinkedHashMap<>();

    /** The declarations, and every file read for them (absolute, the root first; empty for a root without a path). */
    public record Unit(SourceFile root, List<Ast.ModelDecl> models, Map<String, Ast.BlockDecl> blocks, List<Path> files) {}

    private Loader(Diagnostics diagnostics) { this.diagnostics = diagnostics; }

    /** Reads the root file; empty (with a diagnostic) when the root cannot be read or parsed. */
    public static Optional<Unit> load(Path root, Diagnostics diagnostics) throws IOException {
        return load(new SourceFile(display(root), read(root)), root, diagnostics);
    }

    public static Optional<Unit> load(SourceFile root, Path rootPath, Diagnostics diagnostics) {
        Loader loader = new Loader(diagnostics);
        Optional<Ast.Program> program = SnetSyntax.parse(root, diagnostics);
        if (program.isEmpty()) return Optional.empty();
        if (rootPath != null) loader.visited.add(rootPath.toAbsolutePath().normalize());
        loader.add(root, program.get(), rootPath, true);
        return Optional.of(new Unit(root, List.copyOf(loader.models), Map.copyOf(loader.blocks), List.copyOf(loader.visited)));
    }

    private void add(SourceFile file, Ast.Program program, Path path, boolean isRoot) {
        for (Ast.Import imp : program.imports()) {
            Path base = path == null ? Path.of(".") : path.toAbsolutePath().getParent();
            Path target;
            String text;
            try {
                target = base.resolve(imp.path()).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                diagnostics.report(Diagnostic.error(Code.SN0101, imp.span(), "cannot read imported file: not a usable path")
                        .label(e.getReason()).help("import paths are plain relative paths such as \"lib/blocks.snet\"").build());
                continue;
            }
            if (!visited.add(target)) continue;
            try {
                text = read(target);
            } catch (IOException | RuntimeException e) {
                diagnostics.report(Diagnostic.error(Code.SN0101, imp.span(), "cannot read imported file `" + imp.path() + "`")
                        .label(reason(e))
                        .help("import paths are relative to the importing file: " + display(target))
                        .build());
                continue;
            }
            SourceFile imported = new SourceFile(display(target), text);
            SnetSyntax.parse(imported, diagnostics).ifPresent(p -> add(imported, p, target, false));
        }
        if (isRoot) models.addAll(program.models());
        for (Ast.BlockDecl b : program.blocks()) {
            Ast.BlockDecl previous = blocks.putIfAbsent(b.name(), b);
            if (previous != null) {
                diagnostics.report(Diagnostic.error(Code.SN0102, b.nameSpan(), "block `" + b.name() + "` is declared twice")
                        .label("second declaration")
                        .secondary(previous.nameSpan(), "first declared here")
                        .help("rename one of them")
                        .build());
            }
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof MalformedInputException) return "not UTF-8 text";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof IOException && Files.isDirectory(Path.of(e.getMessage() == null ? "" : e.getMessage()))) return "is a directory";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Far beyond any model (the zoo's largest file is a few KB); keeps a mistaken argument from filling memory. */
    public static final long MAX_SOURCE_BYTES = 8L << 20;

    /**
     * A source file's text: strict UTF-8 (a {@link java.nio.charset.CharacterCodingException} for
     * anything else), without the byte-order mark some editors write first.
     */
    public static String read(Path path) throws IOException {
        if (Files.isDirectory(path)) throw new IOException("is a directory");
        // Only regular files: /dev/zero never ends, a FIFO blocks until someone writes to it.
        if (Files.exists(path) && !Files.isRegularFile(path)) throw new IOException("not a regular file (a device, FIFO or socket)");
        if (Files.exists(path) && Files.size(path) > MAX_SOURCE_BYTES) {
            throw new IOException(String.format("%,d bytes; a .snet source is at most %,d", Files.size(path), MAX_SOURCE_BYTES));
        }
        String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Paths are shown relative to the working directory when they lie under it, as compilers do. */
    static String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
