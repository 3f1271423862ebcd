package dev.snet.compiler.cli;

import dev.snet.compiler.codegen.JavaCompilation;
import dev.snet.compiler.codegen.ModelCache;
import dev.snet.compiler.codegen.ModelCompiler;
import dev.snet.compiler.codegen.Targets;
import dev.snet.compiler.ir.Graph;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.backend.DeviceId;
import dev.snet.runtime.weights.WeightSource;
import dev.snet.runtime.weights.WeightsException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/** A graph compiled for TornadoVM (through the model cache) and built on a device: what run and bench run there. */
final class TornadoModels {
    private TornadoModels() {}

    /** Why the model could not be built on TornadoVM, in a line: a reason to fall back under auto. */
    static final class NotBuilt extends Exception {
        NotBuilt(String message) { super(message); }
    }

    static CompiledModel build(Graph g, WeightSource weights, DeviceId device, int capacity) throws NotBuilt, WeightsException, IOException {
        Class<? extends CompiledModel> type;
        try {
            ModelCompiler.Result result = ModelCompiler.compile(g, ModelCompiler.Options.defaults(g), Targets.TORNADO);
            type = ModelCache.standard().load(result.source(), Targets.TORNADO.toolchain()).type();
        } catch (JavaCompilation.MissingToolchain | JavaCompilation.NoJavac | JavaCompilation.TooLarge e) {
            throw new NotBuilt(e.getMessage());
        } catch (JavaCompilation.CompilationException e) {
            throw new IllegalStateException(e.getMessage(), e);  // javac rejected generated code: snetc's bug
        } catch (IOException e) {
            throw new IOException("cannot use the model cache (set SNET_CACHE to a writable directory): " + SourceArgs.reason(e), e);
        }
        try {
            return type.getConstructor(WeightSource.class, DeviceId.class, int.class).newInstance(weights, device, capacity);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof WeightsException w) throw w;
            throw new NotBuilt("TornadoVM could not build the model: " + dev.snet.runtime.backend.Backends.firstLine(e.getCause()));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new NotBuilt("TornadoVM could not build the model: " + dev.snet.runtime.backend.Backends.firstLine(e));
        }
    }
}
