package dev.snet.compiler.cli;

import dev.snet.compiler.codegen.Target;
import dev.snet.compiler.codegen.Targets;
import dev.snet.compiler.codegen.JavaCompilation;
import dev.snet.compiler.codegen.JavaNames;
import dev.snet.compiler.codegen.ModelCompiler;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.passes.PassManager;
import dev.snet.compiler.plan.Block;
import dev.snet.compiler.plan.MemoryPlan;
import dev.snet.compiler.render.PlanSvg;
import dev.snet.runtime.io.AtomicFiles;
import dev.snet.compiler.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compiles a model to a specialised Java class (one per model and target), then to bytecode.",
                "Writes DIR/<package>/<Class>.java and, unless --sources-only, DIR/classes (or DIR/<Class>.jar with --jar).",
                "Nothing is left in DIR when compilation fails."})
final class CompileCommand implements Callable<Integer> {
    @Mixin
    ConcreteModel modelFile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "output directory (created if missing)")
    Path out;

    @Option(names = "--package", paramLabel = "P", defaultValue = "snet.models", description = "Java package (default snet.models)")
    String packageName;

    @Option(names = "--class", paramLabel = "C", description = "Java class name (default: the model's name)")
    String className;

    @Option(names = "--target", paramLabel = "cpu|tornado", defaultValue = "cpu",
            description = "what to generate: a class for the CPU (default), or one for TornadoVM (compiled against $TORNADOVM_HOME's SDK)")
    String target;

    @Option(names = "--jar", description = "package the classes as DIR/<Class>.jar")
    boolean jar;

    @Option(names = "--sources-only", description = "write the .java file only (for builds that compile it themselves)")
    boolean sourcesOnly;

    @Option(names = "--plan", description = "print the memory plan: naive, lower bound and planned bytes, and each block's place")
    boolean plan;

    @Option(names = "--svg", converter = OutputFile.class, paramLabel = "FILE.svg", description = "draw the memory plan: arena offset against step, one rectangle per block, the lower bound marked")
    Path svg;

    @Option(names = "--json", description = "with --plan: print the plan as JSON")
    boolean json;

    @Option(names = "-O0", description = "run no optimisation pass")
    boolean noOptimisation;

    @Option(names = "--dump-ir", paramLabel = "after:PASS", description = "print the IR after a pass (repeatable; after:input for the unoptimised graph)")
    List<String> dumps = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<String> dumpAfter = new LinkedHashSet<>();
        for (String d : dumps) {
            String pass = d.startsWith("after:") ? d.substring(6) : d;
            if (!pass.equals("input") && !PassManager.names().contains(pass)) {
                err.println("snetc compile: --dump-ir=" + d + ": no pass `" + pass + "`; passes: input, " + String.join(", ", PassManager.names()));
                err.flush();
                return Snetc.USAGE;
            }
            dumpAfter.add(pass);
        }
        if (json && !plan) return usage(err, "--json formats the memory plan: use it with --plan");
        Optional<Target> chosen = Targets.named(target);
        if (chosen.isEmpty()) return usage(err, "--target " + target + ": no such target; targets: " + String.join(", ", Targets.names()));
        if (!sourcesOnly && chosen.get().toolchain().missing().isPresent()) {  // before any output: nothing is left behind
            return SourceArgs.error(err, chosen.get().toolchain().missing().get() + " (--sources-only writes the .java file without it)");
        }
        if (jar && sourcesOnly) return usage(err, "--jar packages compiled classes; --sources-only compiles none: choose one");
        Optional<String> badName = className != null ? JavaNames.classProblem(className) : Optional.empty();
        if (badName.isEmpty()) badName = JavaNames.packageProblem(packageName);
        if (badName.isPresent()) return usage(err, badName.get());
        if (svg != null && !svg.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".svg")) return usage(err, "--svg " + svg + ": the file name must end in .svg");
        if (svg != null && SourceArgs.unwritable(svg).isPresent()) return SourceArgs.error(err, SourceArgs.unwritable(svg).get());
        Optional<Graph> graph = modelFile.graph(err);
        if (graph.isEmpty()) return Snetc.DIAGNOSTICS;
        ModelCompiler.Options options = new ModelCompiler.Options(!noOptimisation, false, packageName,
                className != null ? className : ModelCompiler.Options.defaults(graph.get()).className(), dumpAfter,
                (pass, ir) -> stdout.print("--- IR after " + pass + " ---\n" + ir));
        ModelCompiler.Result result = ModelCompiler.compile(graph.get(), options, chosen.get());
        if (plan) stdout.print(json ? Json.write(planJson(result.compilation().plan())) + "\n" : planText(result.compilation().plan()));
        stdout.flush();
        try {
            if (svg != null) {
                String title = "memory plan of " + dev.snet.compiler.render.GraphDot.modelTitle(graph.get());
                String picture = PlanSvg.of(result.compilation().plan(), title);
                AtomicFiles.write(svg, o -> o.write(picture.getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            err.println("error: cannot write " + svg + ": " + SourceArgs.reason(e));
            err.flush();
            return Snetc.DIAGNOSTICS;
        }
        try {
            write(result, chosen.get());
        } catch (JavaCompilation.NoJavac | JavaCompilation.TooLarge | JavaCompilation.MissingToolchain e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return Snetc.DIAGNOSTICS;
        } catch (JavaCompilation.CompilationException e) {
            throw new IllegalStateException(e.getMessage(), e);  // javac rejected generated code: snetc's bug, an internal error
        } catch (IOException e) {
            err.println("error: cannot write " + out + ": " + SourceArgs.reason(e));
            err.flush();
            return Snetc.DIAGNOSTICS;
        }
        return Snetc.OK;
    }

    private int usage(PrintWriter err, String message) {
        err.println("snetc compile: " + message);
        err.flush();
        return Snetc.USAGE;
    }

    /** Builds everything in a temporary directory beside DIR, then moves the results in. */
    private void write(ModelCompiler.Result result, Target t) throws IOException, JavaCompilation.CompilationException {
        Files.createDirectories(out);
        AtomicFiles.removeLeftovers(out, ".snetc-*");  // work directories of killed runs
        Path work = Files.createTempDirectory(out.toAbsolutePath(), ".snetc-");
        try {
            String name = result.source().typeSpec().name();
            Path relative = Path.of(result.source().packageName().replace('.', '/'), name + ".java");
            Path javaFile = work.resolve(relative);
            Files.createDirectories(javaFile.getParent());
            Files.writeString(javaFile, result.source().toString(), StandardCharsets.UTF_8);
            List<Path> results = new ArrayList<>(List.of(Path.of(relative.getName(0).toString())));
            if (!sourcesOnly) {
                JavaCompilation.compile(List.of(javaFile), work.resolve("classes"), t.toolchain());
                if (jar) {
                    writeJar(work.resolve("classes"), work.resolve(name + ".jar"));
                    results.add(Path.of(name + ".jar"));
                } else {
                    results.add(Path.of("classes"));
                }
            }
            for (Path r : results) {
                Path target = out.resolve(r);
                if (Files.isDirectory(target)) merge(work.resolve(r), target);
                else Files.move(work.resolve(r), target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void merge(Path from, Path into) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = into.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.move(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A reproducible jar: entries sorted and dated 0, the manifest too (JarOutputStream would stamp it with the time). */
    private static void writeJar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar)); var walk = Files.walk(classes)) {
            JarEntry m = new JarEntry("META-INF/MANIFEST.MF");
            m.setTime(0);
            j.putNextEntry(m);
            manifest.write(j);
            j.closeEntry();
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                JarEntry e = new JarEntry(classes.relativize(p).toString().replace('\\', '/'));
                e.setTime(0);
                j.putNextEntry(e);
                j.write(Files.readAllBytes(p));
                j.closeEntry();
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }

    static String planText(MemoryPlan p) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("memory plan (bytes per sample)%n  naive        %,14d  (every op in a buffer of its own)%n  lower bound  %,14d  (largest live set)%n  planned      %,14d  (%s, %.3f x lower bound)%n",
                4 * p.naiveFloats(), 4L * p.lowerBoundFloats(), 4L * p.arenaFloats(), p.heuristic(), p.arenaFloats() / (double) Math.max(1, p.lowerBoundFloats())));
        s.append("  heuristics tried: ").append(String.join("; ", p.tried().stream().map(t -> t.replaceAll(": (\\d+)$", "")
                + ": " + String.format("%,d", 4L * Long.parseLong(t.replaceAll(".*: ", "")))).toList())).append('\n');
        s.append(String.format("%n%-40s %12s %12s %9s%n", "block", "bytes", "offset", "live"));
        for (Block b : p.blocks()) {
            s.append(String.format("%-40s %,12d %,12d %4d-%-4d%n", b.name(), 4L * b.size(), 4L * p.offsets()[b.id()], b.first(), b.last()));
        }
        return s.toString();
    }

    static Map<String, Object> planJson(MemoryPlan p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("naive_bytes", 4 * p.naiveFloats());
        o.put("lower_bound_bytes", 4L * p.lowerBoundFloats());
        o.put("planned_bytes", 4L * p.arenaFloats());
        o.put("heuristic", p.heuristic());
        List<Object> blocks = new ArrayList<>();
        for (Block b : p.blocks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.name());
            m.put("bytes", 4L * b.size());
            m.put("offset", 4L * p.offsets()[b.id()]);
            m.put("first_step", b.first());
            m.put("last_step", b.last());
            blocks.add(m);
        }
        o.put("blocks", blocks);
        return o;
    }
}
