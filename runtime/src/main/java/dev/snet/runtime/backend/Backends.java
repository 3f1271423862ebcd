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

    /** The backend chosen (never {@code AUTO}), the device for TornadoVM (null: its default) and the line saying so. */
    public record Selection(Backend backend, DeviceId device, String notice) {}

    /** The backend asked for cannot run here; the message says why and what to do. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) { super(message); }
    }

    /** TornadoVM's accelerator, when snet's tornado module is on the class path. */
    public static Optional<Accelerator> tornado() {
        return ServiceLoader.load(Accelerator.class, Backends.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).filter(a -> a.name().equals("tornado")).findFirst();
    }

    /** Why TornadoVM cannot be used when its accelerator is not even on the class path. */
    public static String absence() {
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
        return new Selection(Backend.TORNADO, device, "backend: tornado on " + chosen.id() + " " + chosen.backend() + " " + chosen.name());
    }

    /**
     * The embedding API's choice: an instance of the model compiled for the CPU ({@code cpuClass},
     * constructor {@code (WeightSource)}) or for TornadoVM ({@code tornadoClass}, constructor
     * {@code (WeightSource, DeviceId, int batchCapacity)}), as {@link #select} decides; the notice
     * goes to {@code notices}. The TornadoVM class is only loaded when TornadoVM is chosen.
     */
    public static CompiledModel open(ClassLoader loader, String cpuClass, String tornadoClass, WeightSource weights, Backend requested,
                                     DeviceId device, int batchCapacity, Consumer<String> notices) throws Unavailable, WeightsException {
        Selection s = select(requested, device);
        notices.accept(s.notice());
        try {
            if (s.backend() == Backend.CPU) {
                return loader.loadClass(cpuClass).asSubclass(CompiledModel.class).getConstructor(WeightSource.class).newInstance(weights);
            }
            return loader.loadClass(tornadoClass).asSubclass(CompiledModel.class)
                    .getConstructor(WeightSource.class, DeviceId.class, int.class).newInstance(weights, s.device(), batchCapacity);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof WeightsException w) throw w;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("the model could not be created: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("not a model class compiled by snetc for this backend: " + e.getMessage(), e);
        }
    }
}
