package dev.snet.compiler.codegen;

import com.palantir.javapoet.JavaFile;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.weights.WeightSource;
import dev.snet.runtime.weights.WeightsException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Compiled models by content hash of their generated source: a model is compiled by javac once and
 * loaded from the cache afterwards (system property {@code snet.cache}, {@code $SNET_CACHE}, {@code $XDG_CACHE_HOME/snet}
 * or {@code ~/.cache/snet}).
 */
public final class ModelCache {
    private final Path root;

    public ModelCache(Path root) { this.root = root; }

    public static ModelCache standard() {
        String property = System.getProperty("snet.cache");
        if (property != null && !property.isBlank()) return new ModelCache(Path.of(property));
        String env = System.getenv("SNET_CACHE");
        if (env != null && !env.isBlank()) return new ModelCache(Path.of(env));
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new ModelCache(base.resolve("snet"));
    }

    /**
     * A compiled model class and the class loader that holds it. Closing it closes the loader: do so
     * when no instance of the model is used any more (a service that reloads models would otherwise
     * keep every loader it ever opened).
     */
    public record Loaded(Class<? extends CompiledModel> type, URLClassLoader loader) implements AutoCloseable {
        @Override
        public void close() throws IOException { loader.close(); }
    }

    /**
     * The compiled class for {@code source}, compiling it first when the cache does not have it. The
     * key covers the runtime the class was compiled against, so an upgraded runtime never meets
     * stale classes; an entry that no longer loads (truncated, half deleted) is rebuilt by itself.
     */
    public Loaded load(JavaFile source) throws IOException, JavaCompilation.CompilationException {
        return load(source, Toolchain.runtimeOnly());
    }

    /** The same for a target whose classes need more than the runtime to compile ({@link Target#toolchain()}). */
    public Loaded load(JavaFile source, Toolchain toolchain) throws IOException, JavaCompilation.CompilationException {
        if (toolchain.missing().isPresent()) throw new JavaCompilation.MissingToolchain(toolchain.missing().get());
        String text = source.toString();
        // The CPU's key is the runtime and the source; another toolchain's builds (an SDK's jars) are part of it too.
        String toolchainKey = toolchain.equals(Toolchain.runtimeOnly()) ? "" : toolchain.identity();
        Path dir = root.resolve(hash(RuntimeBuild.ID + "\n" + toolchainKey + text));
        dev.snet.runtime.io.AtomicFiles.removeLeftovers(root, "build-*");  // builds of killed runs
        for (int attempt = 0; ; attempt++) {
            if (!Files.isDirectory(dir.resolve("classes"))) build(source, text, dir, toolchain);
            URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, CompiledModel.class.getClassLoader());
            try {
                Class<? extends CompiledModel> type = loader.loadClass(source.packageName() + "." + source.typeSpec().name()).asSubclass(CompiledModel.class);
                type.getConstructors();  // links it: a damaged class fails here
                return new Loaded(type, loader);
            } catch (ClassNotFoundException | LinkageError damaged) {
                loader.close();
                if (attempt > 0) throw new IOException("the model cache entry " + dir + " is damaged and rebuilding it did not help: " + damaged, damaged);
                deleteTree(dir);
            }
        }
    }

    private void build(JavaFile source, String text, Path dir, Toolchain toolchain) throws IOException, JavaCompilation.CompilationException {
        Files.createDirectories(root);
        Path work = Files.createTempDirectory(root, "build-");
        try {
            Path file = work.resolve(source.typeSpec().name() + ".java");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            JavaCompilation.compile(List.of(file), work.resolve("classes"), toolchain);
            try {
                Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isDirectory(dir.resolve("classes"))) throw raced;
            }
        } finally {
            deleteTree(work);
        }
    }

    /** The heap cannot hold a model's arena and weights: the user's set-up, not snetc's bug. */
    public static final class NotEnoughMemory extends RuntimeException {
        NotEnoughMemory(String message) { super(message); }
    }

    /** A new instance of a compiled model class, binding {@code weights}, on the calling thread only. */
    public static CompiledModel instantiate(Class<? extends CompiledModel> type, WeightSource weights) throws WeightsException {
        return instantiate(type, weights, dev.snet.runtime.WorkerPool.SINGLE);
    }

    /** A new instance that splits its large convolutions between the threads of {@code pool}. */
    public static CompiledModel instantiate(Class<? extends CompiledModel> type, WeightSource weights, dev.snet.runtime.WorkerPool pool)
            throws WeightsException {
        try {
            return type.getConstructor(WeightSource.class, dev.snet.runtime.WorkerPool.class).newInstance(weights, pool);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof WeightsException w) throw w;
            if (e.getCause() instanceof OutOfMemoryError) {
                throw new NotEnoughMemory(String.format("out of memory creating the model: this JVM may use %,d MB, and the model's"
                        + " arena and weights (one copy per thread) need more; use fewer --threads or a larger heap"
                        + " (SNETC_JAVA_OPTS=-Xmx8g)", Runtime.getRuntime().maxMemory() >> 20));
            }
            throw new IllegalStateException("a compiled model failed to bind its weights", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a compiled model has no (WeightSource, WorkerPool) constructor", e);
        }
    }

    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }
}
