package dev.snet.tornado;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A system class loader that can also serve the class files of models compiled while the JVM runs.
 * TornadoVM reads a kernel's bytecode with {@code ClassLoader.getSystemClassLoader().getResourceAsStream}
 * (its ASMClassVisitor), so a model class loaded from snetc's model cache, which the system class
 * loader does not see, cannot be compiled for the device. Installed with
 * {@code -Djava.system.class.loader=dev.snet.tornado.KernelClassFiles} (the snetc launcher and the
 * tests do); it loads no class itself and only adds resources after its parent's.
 */
public final class KernelClassFiles extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final List<URLClassLoader> extra = new CopyOnWriteArrayList<>();

    public KernelClassFiles(ClassLoader parent) { super(parent); }

    @Override
    protected URL findResource(String name) {
        for (URLClassLoader l : extra) {
            URL u = l.findResource(name);
            if (u != null) return u;
        }
        return null;
    }

    /**
     * Makes {@code model}'s class file readable through the system class loader, or says how to:
     * a model on the application's class path already is; one loaded from elsewhere needs this loader.
     */
    static void expose(Class<?> model) {
        String file = model.getName().replace('.', '/') + ".class";
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (system.getResource(file) != null) return;
        if (!(system instanceof KernelClassFiles k)) {
            throw new IllegalStateException("TornadoVM reads kernels through the system class loader, which cannot see " + model.getName()
                    + ": put the model's classes on the class path, or run with -Djava.system.class.loader=" + KernelClassFiles.class.getName());
        }
        try {
            URL root = Path.of(model.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
            k.extra.add(new URLClassLoader(new URL[] {root}, null));
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot read the classes of " + model.getName() + ": " + e.getMessage(), e));
        }
    }
}
