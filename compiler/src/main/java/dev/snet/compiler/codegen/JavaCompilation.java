package dev.snet.compiler.codegen;

import dev.snet.runtime.CompiledModel;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated sources in-process with the JDK's javac, against the runtime snetc itself carries. */
public final class JavaCompilation {
    private JavaCompilation() {}

    /** The generated code could not be compiled: a snetc bug ({@link GeneratedCodeRejected}) or a Java without javac ({@link NoJavac}). */
    public abstract static sealed class CompilationException extends Exception permits GeneratedCodeRejected, NoJavac, TooLarge, MissingToolchain {
        CompilationException(String message) { super(message); }
    }

    /** javac rejected what snetc generated: always snetc's bug. */
    public static final class GeneratedCodeRejected extends CompilationException {
        GeneratedCodeRejected(String message) { super(message); }
    }

    /** The model needs more than one class file may hold (65,535 constants): the user's model, too large to run as one class. */
    public static final class TooLarge extends CompilationException {
        TooLarge(String message) { super(message); }
    }

    /** This Java is a runtime without javac: the user's set-up, fixed by running on a JDK. */
    public static final class NoJavac extends CompilationException {
        NoJavac(String message) { super(message); }
    }

    /** The target needs something this machine lacks (a TornadoVM SDK): the user's set-up; the message says what. */
    public static final class MissingToolchain extends CompilationException {
        MissingToolchain(String message) { super(message); }
    }

    public static void compile(List<Path> sources, Path classes) throws CompilationException, IOException {
        compile(sources, classes, Toolchain.runtimeOnly());
    }

    public static void compile(List<Path> sources, Path classes, Toolchain toolchain) throws CompilationException, IOException {
        if (toolchain.missing().isPresent()) throw new MissingToolchain(toolchain.missing().get());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new NoJavac("compiling generated code needs a JDK (javac); this Java is a runtime only");
        java.nio.file.Files.createDirectories(classes);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, java.nio.charset.StandardCharsets.UTF_8)) {
            // -g: TornadoVM reads kernels' local-variable tables; for the CPU it only adds names to stack traces.
            List<String> options = new java.util.ArrayList<>(List.of("-g", "--release", "21", "-proc:none",
                    "-classpath", String.join(java.io.File.pathSeparator, toolchain.classpath()), "-d", classes.toString()));
            StringWriter out = new StringWriter();
            boolean ok = javac.getTask(out, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
            if (!ok) {
                String first = diagnostics.getDiagnostics().stream().findFirst().map(d -> d.getMessage(null)).orElse(out.toString());
                if (first.startsWith("too many constants") || first.startsWith("code too large")) {
                    throw new TooLarge("the model is too large for one Java class (" + first.lines().findFirst().orElse("")
                            + ": a class file holds at most 65,535 constants); split it into smaller models");
                }
                throw new GeneratedCodeRejected("the generated code did not compile: " + first.lines().findFirst().orElse(""));
            }
        }
    }

    /** Where the runtime classes are: snetc's own jar, or the runtime module's classes in a build. */
    public static String runtimeClasspath() {
        try {
            return Path.of(CompiledModel.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
