package dev.snet.compiler.cli;

import dev.snet.compiler.ir.Graph;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.backend.Backend;
import dev.snet.runtime.backend.Backends;
import dev.snet.runtime.backend.DeviceId;
import dev.snet.runtime.weights.WeightSource;
import dev.snet.runtime.weights.WeightsException;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --backend auto|cpu|tornado} and {@code --device N:M} for run and bench: where the model
 * runs. {@code auto} takes TornadoVM when it loads and a device answers, the CPU otherwise, and
 * says which in one line, printed once the model has run; a TornadoVM model that fails to build (a
 * kernel TornadoVM cannot compile: bailout is off) falls back to the CPU under {@code auto} and is an
 * error under {@code tornado}.
 */
final class BackendOptions {
    @Option(names = {"--backend", "--target"}, paramLabel = "auto|cpu|tornado", defaultValue = "auto", converter = BackendConverter.class,
            description = "where to run: TornadoVM when it loads and a device answers, else the CPU (auto, the default); cpu; tornado")
    Backend backend;

    @Option(names = "--device", paramLabel = "N:M", converter = DeviceConverter.class, description = "the TornadoVM device (see snetc devices; default: its first)")
    DeviceId device;

    /** The line saying where the model runs, printed by {@link #announce} once it is about to (after any input error). */
    private String notice;

    /** A failure of the chosen backend the user can act on, in one line. */
    static final class Unusable extends Exception {
        Unusable(String message) { super(message); }
    }

    Backends.Selection select() throws Unusable {
        try {
            Backends.Selection s = Backends.select(backend, device);
            if (backend != Backend.CPU) notice = s.notice();
            return s;
        } catch (Backends.Unavailable e) {
            throw new Unusable(e.getMessage());
        }
    }

    /**
     * The model compiled for TornadoVM on the selected device, for batches up to {@code capacity},
     * or null when it could not be built under {@code auto} (the notice then says why: the caller
     * runs the CPU target); under {@code tornado}, or with a {@code --device}, that is an error.
     */
    CompiledModel tornado(Graph g, Backends.Selection s, WeightSource weights, int capacity) throws Unusable, WeightsException, IOException {
        try {
            return TornadoModels.build(g, weights, s.device(), capacity);
        } catch (TornadoModels.NotBuilt e) {
            giveWayToCpu(e.getMessage());
            return null;
        }
    }

    /** TornadoVM cannot run the model, for {@code why}: the CPU will, saying so, under auto; otherwise an error. */
    void giveWayToCpu(String why) throws Unusable {
        if (backend == Backend.TORNADO || device != null) throw new Unusable("cannot run on TornadoVM: " + why);
        notice = "backend: cpu (auto: " + why + ")";
    }

    /** Prints where the model runs (unless --backend cpu asked for the CPU), once, when it is bound and about to run. */
    void announce(PrintWriter err) {
        if (notice == null) return;
        err.println(notice);
        err.flush();
        notice = null;
    }

    static final class BackendConverter implements ITypeConverter<Backend> {
        @Override
        public Backend convert(String value) {
            return Backend.of(value).orElseThrow(() -> new TypeConversionException("'" + value + "' is not a backend: use auto, cpu or tornado"));
        }
    }

    static final class DeviceConverter implements ITypeConverter<DeviceId> {
        @Override
        public DeviceId convert(String value) {
            return DeviceId.parse(value).orElseThrow(() -> new TypeConversionException("'" + value
                    + "' is not a device: write backend:device, such as 0:0 (snetc devices lists them)"));
        }
    }
}
