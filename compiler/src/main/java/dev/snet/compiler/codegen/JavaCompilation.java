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

    /** javac could not run, or the generated code did not compile: a snetc bug, or a JRE without javac. */
    public static final class CompilationException extends Exception {
        public CompilationException(String message) { super(message); }
    }

    public static void compile(List<Path> sources, Path classes) throws CompilationException, IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new CompilationException("compiling generated code needs a JDK (javac); this Java is a runtime only");
        java.nio.file.Files.createDirectories(classes);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, java.nio.charset.StandardCharsets.UTF_8)) {
            List<String> options = List.of("-g", "--release", "21", "-proc:none", "-classpath", runtimeClasspath(), "-d", classes.toString());
            StringWriter out = new StringWriter();
            boolean ok = javac.getTask(out, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
            if (!ok) {
                String first = diagnostics.getDiagnostics().stream().findFirst().map(d -> d.getMessage(null)).orElse(out.toString());
                throw new CompilationException("the generated code did not compile: " + first.lines().findFirst().orElse(""));
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
