package dev.snet.maven;

import dev.snet.compiler.Frontend;
import dev.snet.compiler.codegen.Targets;
import dev.snet.compiler.codegen.JavaNames;
import dev.snet.compiler.codegen.ModelCompiler;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.diag.DiagnosticRenderer;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.source.SourceFile;
import dev.snet.compiler.syntax.Loader;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Compiles the {@code .snet} models of a project into Java sources, as {@code snetc compile
 * --sources-only} would, and adds them to the compile source roots. Models whose inputs (the file,
 * its imports, the configuration and snet's own version) are unchanged are not generated again.
 * Diagnostics are logged as the compiler prints them and fail the build.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {
    /** Where the {@code .snet} files are. */
    @Parameter(defaultValue = "${project.basedir}/src/main/snet", property = "snet.sourceDirectory")
    File sourceDirectory;

    /** Where the generated sources go; it is added as a compile source root. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/snet", property = "snet.outputDirectory")
    File outputDirectory;

    /** Globs, relative to {@code sourceDirectory}, of the files to compile. Files declaring no model (libraries of blocks) are skipped. */
    @Parameter
    List<String> includes = new ArrayList<>(List.of("**.snet"));

    /** The Java package of generated classes, unless a {@code <model>} says otherwise. */
    @Parameter(defaultValue = "snet.models", property = "snet.packageName")
    String packageName;

    /** Per-file settings: class names, packages and parameter sets (a file may be listed several times). */
    @Parameter
    List<Model> models = new ArrayList<>();

    @Parameter(defaultValue = "false", property = "snet.skip")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    @Parameter(defaultValue = "${project.build.directory}/snet-maven-plugin", readonly = true, required = true)
    File stampDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("snet: skipped");
            return;
        }
        Path sources = sourceDirectory.toPath().toAbsolutePath().normalize();
        Path output = outputDirectory.toPath().toAbsolutePath().normalize();
        if (!Files.isDirectory(sources)) {
            if (!models.isEmpty()) throw new MojoFailureException("snet: the source directory " + sources + " does not exist, but <models> lists files in it");
            getLog().info("snet: no .snet sources in " + sources);
            return;
        }
        List<Job> jobs = jobs(sources);
        String version = versionKey();
        List<String> errors = new ArrayList<>();
        Set<String> live = new HashSet<>();
        int generated = 0;
        int upToDate = 0;
        try {
            for (Job job : jobs) {
                String key = Stamp.sha256(version + "\n" + job.key(sources));
                live.add(key);
                Path stampFile = stampDirectory.toPath().resolve(key + ".stamp");
                if (Files.isRegularFile(stampFile)) {
                    Stamp previous = Stamp.read(stampFile);
                    if (previous.holds(output)) {
                        if (!previous.output().equals(Stamp.library())) upToDate++;
                        continue;
                    }
                }
                Optional<Stamp> stamp = generate(job, output, errors);
                if (stamp.isPresent()) {
                    stamp.get().write(stampFile);
                    if (!stamp.get().output().equals(Stamp.library())) generated++;
                } else {
                    Files.deleteIfExists(stampFile);
                }
            }
            removeStale(live, output);
        } catch (IOException e) {
            throw new MojoExecutionException("snet: " + e.getMessage(), e);
        }
        project.addCompileSourceRoot(output.toString());
        if (!errors.isEmpty()) {
            errors.forEach(block -> block.lines().forEach(getLog()::error));
            throw new MojoFailureException("snet: " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                    + " in .snet sources; see above for file:line:col");
        }
        getLog().info("snet: " + generated + " model(s) generated, " + upToDate + " up to date, into " + output);
    }

    /** A class to generate: a file with its settings, or with its defaults when the POM does not list it. */
    private record Job(Path file, Model model, boolean listed) {
        String key(Path sources) {
            return sources.relativize(file) + "\n" + model.className + "\n" + model.packageName + "\n" + new TreeMap<>(model.parameters)
                    + (model.target == null ? "" : "\n" + model.target);
        }
    }

    private List<Job> jobs(Path sources) throws MojoFailureException {
        List<PathMatcher> matchers = includes.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(Files::isRegularFile).filter(f -> matchers.stream().anyMatch(m -> m.matches(sources.relativize(f)))).sorted().toList();
        } catch (IOException e) {
            throw new MojoFailureException("snet: cannot list " + sources + ": " + e.getMessage());
        }
        Map<Path, List<Model>> listed = new LinkedHashMap<>();
        for (Model m : models) {
            if (m.file == null || m.file.isBlank()) throw new MojoFailureException("snet: a <model> needs a <file>, relative to " + sources);
            Path f = sources.resolve(m.file).normalize();
            if (!Files.isRegularFile(f)) throw new MojoFailureException("snet: <model><file>" + m.file + "</file>: no such file " + f);
            Optional<String> badClass = m.className != null ? JavaNames.classProblem(m.className) : Optional.empty();
            if (badClass.isPresent()) throw new MojoFailureException("snet: <className>: " + badClass.get());
            String pkg = m.packageName != null ? m.packageName : packageName;
            Optional<String> badPackage = JavaNames.packageProblem(pkg);
            if (badPackage.isPresent()) throw new MojoFailureException("snet: <packageName>: " + badPackage.get());
            if (m.target != null && Targets.named(m.target).isEmpty()) {
                throw new MojoFailureException("snet: <target>" + m.target + "</target>: no such target; targets: " + String.join(", ", Targets.names()));
            }
            listed.computeIfAbsent(f, k -> new ArrayList<>()).add(m);
        }
        List<Job> jobs = new ArrayList<>();
        for (Path f : files) {
            if (!listed.containsKey(f)) jobs.add(new Job(f, withPackage(new Model(sources.relativize(f).toString())), false));
        }
        listed.forEach((f, ms) -> ms.forEach(m -> jobs.add(new Job(f, withPackage(m), true))));
        return jobs;
    }

    private Model withPackage(Model m) {
        if (m.packageName == null) m.packageName = packageName;
        return m;
    }

    /** Generates one class; empty (with the diagnostics added to {@code errors}) when the model has errors. */
    private Optional<Stamp> generate(Job job, Path output, List<String> errors) throws IOException {
        String text;
        try {
            text = Loader.read(job.file());
        } catch (CharacterCodingException e) {
            errors.add(job.file() + ": error: not UTF-8 text");
            return Optional.empty();
        }
        SourceFile source = new SourceFile(job.file().toString(), text);
        Diagnostics diagnostics = new Diagnostics();
        Optional<Loader.Unit> unit = Loader.load(source, job.file(), diagnostics);
        if (unit.isPresent() && unit.get().models().isEmpty() && !job.listed() && !diagnostics.hasErrors()) {
            return Optional.of(Stamp.of(Stamp.library(), unit.get().files()));  // a library of blocks: nothing to generate
        }
        List<Path> files = unit.map(Loader.Unit::files).orElse(List.of(job.file()));
        Optional<Graph> graph = diagnostics.hasErrors() ? Optional.empty() : Frontend.concrete(source, job.file(), job.model().parameters, diagnostics);
        DiagnosticRenderer renderer = new DiagnosticRenderer(false);
        for (Diagnostic d : diagnostics.sorted()) {
            if (d.isError()) errors.add(renderer.render(d));
            else renderer.render(d).lines().forEach(getLog()::warn);
        }
        if (graph.isEmpty()) return Optional.empty();
        ModelCompiler.Options defaults = ModelCompiler.Options.defaults(graph.get());
        ModelCompiler.Options options = new ModelCompiler.Options(true, false, job.model().packageName,
                job.model().className != null ? job.model().className : defaults.className(), Set.of(), (a, b) -> { });
        // A TornadoVM class compiles only against TornadoVM's SDK and snet-tornado: the project adds those as dependencies.
        String java = ModelCompiler.compile(graph.get(), options, Targets.named(job.model().target == null ? "cpu" : job.model().target).orElseThrow())
                .source().toString();
        Path relative = Path.of(options.packageName().replace('.', File.separatorChar), options.className() + ".java");
        writeIfChanged(output.resolve(relative), java);
        return Optional.of(Stamp.of(relative.toString(), files));
    }

    /** Writes through a temporary file, and not at all when the content is already there (javac then has nothing to redo). */
    private static void writeIfChanged(Path file, String content) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) return;
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A model removed from the POM or the source directory takes its generated class with it. */
    private void removeStale(Set<String> live, Path output) throws IOException {
        Path dir = stampDirectory.toPath();
        if (!Files.isDirectory(dir)) return;
        List<Path> stamps;
        try (Stream<Path> s = Files.list(dir)) {
            stamps = s.filter(p -> p.getFileName().toString().endsWith(".stamp")).toList();
        }
        Set<String> kept = new HashSet<>();
        for (Path p : stamps) {
            if (live.contains(p.getFileName().toString().replace(".stamp", ""))) kept.add(Stamp.read(p).output());
        }
        for (Path p : stamps) {
            if (live.contains(p.getFileName().toString().replace(".stamp", ""))) continue;
            String out = Stamp.read(p).output();
            if (!out.equals(Stamp.library()) && !kept.contains(out)) {
                Files.deleteIfExists(output.resolve(out));
                getLog().info("snet: removed " + out + " (its model is no longer configured)");
            }
            Files.delete(p);
        }
    }

    /** snet's version, and for a snapshot the compiler and runtime builds themselves: a new snet regenerates everything. */
    private String versionKey() throws MojoExecutionException {
        StringBuilder key = new StringBuilder(plugin.getVersion());
        if (plugin.getVersion().endsWith("-SNAPSHOT")) {
            for (Class<?> c : List.of(ModelCompiler.class, dev.snet.runtime.CompiledModel.class)) {
                try {
                    Path where = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                    key.append('\n').append(where).append(' ').append(lastModified(where));
                } catch (URISyntaxException | IOException e) {
                    throw new MojoExecutionException("snet: cannot locate snet's own classes: " + e.getMessage(), e);
                }
            }
        }
        return key.toString();
    }

    private static long lastModified(Path p) throws IOException {
        if (!Files.isDirectory(p)) return Files.getLastModifiedTime(p).toMillis() ^ Files.size(p);
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
        }
    }
}
