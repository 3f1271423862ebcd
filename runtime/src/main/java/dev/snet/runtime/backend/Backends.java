package dev.snet.runtime.backend;

import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.weights.WeightSource;
import dev.snet.runtime.weights.WeightsException;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Chooses where a model runs. {@code cpu} always can; {@code tornado} needs snet's tornado module,
 * TornadoVM's runtime and a device, and is an error without them; {@code auto} takes TornadoVM when
 * all three are there and the CPU otherwise, and either way says in one line what it chose and why.
 */
public final class Backends {
    private Backends() {}

    /** The backend chosen (never {@code AUTO}), the TornadoVM device (null for the CPU) and the line saying so. */
    public record Selection(Backend backend, DeviceId device, String notice) {}

    /** The backend asked for cannot run here; the message says why and what to do. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) { super(message); }
    }

    /** TornadoVM's accelerator, when snet's tornado module is on the class path. */
    public static Optional<Accelerator> tornado() {
        try {
            return ServiceLoader.load(Accelerator.class, Backends.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get).filter(a -> a.name().equals("tornado")).findFirst();
        } catch (java.util.ServiceConfigurationError e) {  // a provider that cannot be loaded: as good as none
            return Optional.of(new Accelerator() {
                public String name() { return "tornado"; }
                public Probe probe() { return Probe.unusable("snet's TornadoVM module did not load: " + e.getMessage()); }
            });
        }
    }

    /** Why TornadoVM cannot be used when its accelerator is not even on the class path. */
    public static String absence() {
        String launcher = System.getenv("SNETC_TORNADO_SETUP");  // the snetc launcher could not set TornadoVM up, and says why
        if (launcher != null && !launcher.isBlank()) return launcher;
        String home = System.getenv("TORNADOVM_HOME");
        if (home == null || home.isBlank()) return "TornadoVM is not installed (TORNADOVM_HOME is not set)";
        return "TORNADOVM_HOME is " + home + ", but snet's TornadoVM module (dev.snet:snet-tornado) is not on the class path"
                + " (build it with ./mvnw -Ptornado install; the snetc launcher then adds it)";
    }

    public static Selection select(Backend requested, DeviceId device) throws Unavailable {
        return select(requested, device, tornado());
    }

    static Selection select(Backend requested, DeviceId device, Optional<Accelerator> tornado) throws Unavailable {
        if (requested == Backend.CPU) {
            if (device != null) throw new Unavailable("--device " + device + " picks a TornadoVM device; the cpu backend has none");
            return new Selection(Backend.CPU, null, "backend: cpu");
        }
        Accelerator.Probe probe = tornado.map(Accelerator::probe).orElseGet(() -> Accelerator.Probe.unusable(absence()));
        String problem = probe.usable() ? null : probe.problem() != null ? probe.problem() : "TornadoVM found no device";
        Accelerator.Device chosen = null;
        if (problem == null) {
            DeviceId wanted = device != null ? device : probe.devices().get(0).id();
            chosen = probe.devices().stream().filter(d -> d.id().equals(wanted)).findFirst().orElse(null);
            if (chosen == null) {
                problem = "TornadoVM has no device " + wanted + "; it has " + probe.devices().stream()
                        .map(d -> d.id() + " (" + d.name() + ")").collect(Collectors.joining(", ")) + " (see snetc devices)";
            }
        }
        if (problem != null) {
            if (requested == Backend.TORNADO || device != null) throw new Unavailable("cannot run on TornadoVM: " + problem);
            return new Selection(Backend.CPU, null, "backend: cpu (auto: " + problem + ")");
        }
        return new Selection(Backend.TORNADO, chosen.id(), "backend: tornado on " + chosen.id() + " " + chosen.backend() + " " + chosen.name());
    }

    /**
     * The embedding API's choice: an instance of the model compiled for the CPU ({@code cpuClass},
     * constructor {@code (WeightSource)}) or for TornadoVM ({@code tornadoClass}, constructor
     * {@code (WeightSource, DeviceId, int batchCapacity)}), as {@link #select} decides, with the
     * command line's rule: under {@code auto} a TornadoVM model that cannot be built (its class, its
     * kernels, its device) gives way to the CPU. The TornadoVM class is only loaded when TornadoVM is
     * chosen; the line saying where the model runs goes to {@code notices} once it is built.
     */
    public static CompiledModel open(ClassLoader loader, String cpuClass, String tornadoClass, WeightSource weights, Backend requested,
                                     DeviceId device, int batchCapacity, Consumer<String> notices) throws Unavailable, WeightsException {
        Selection s = select(requested, device);
        String notice = s.notice();
        if (s.backend() == Backend.TORNADO) {
            try {
                CompiledModel model = construct(loader, tornadoClass, new Class<?>[] {WeightSource.class, DeviceId.class, int.class},
                        weights, s.device(), batchCapacity);
                notices.accept(notice);
                return model;
            } catch (RuntimeException | LinkageError e) {
                String why = "TornadoVM could not build the model: " + firstLine(e);
                if (requested == Backend.TORNADO || device != null) throw new Unavailable("cannot run on TornadoVM: " + why);
                notice = "backend: cpu (auto: " + why + ")";
            }
        }
        CompiledModel model = construct(loader, cpuClass, new Class<?>[] {WeightSource.class}, weights);
        notices.accept(notice);
        return model;
    }

    private static CompiledModel construct(ClassLoader loader, String className, Class<?>[] parameters, Object... arguments) throws WeightsException {
        Class<? extends CompiledModel> type;
        try {
            type = loader.loadClass(className).asSubclass(CompiledModel.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException(className + " is not a model class compiled by snetc: " + e.getMessage(), e);
        }
        try {
            return type.getConstructor(parameters).newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof WeightsException w) throw w;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException(className + " could not be created: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(className + " lacks the constructor snetc generates for this backend: " + e.getMessage(), e);
        }
    }

    /** The root cause's class and first line: what a notice can say about a failure deep in TornadoVM. */
    public static String firstLine(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        String m = cause.getMessage();
        return cause.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
