package dev.snet.tornado;

import dev.snet.runtime.backend.Accelerator;
import dev.snet.runtime.backend.Backends;
import java.util.List;

/**
 * TornadoVM as snet's accelerator. Probing must not touch a TornadoVM type before knowing its
 * classes are there: without the SDK's argfile (module path, JVMCI) or without an OpenCL, PTX or
 * SPIR-V platform, TornadoVM's classes fail in their static initialisers, so the probe first looks
 * the API up by name, then lets {@link TornadoDevices} (the only class that names TornadoVM's
 * runtime) list the devices, and turns any failure into the reason to fall back.
 */
public final class TornadoAccelerator implements Accelerator {
    @Override
    public String name() { return "tornado"; }

    @Override
    public Probe probe() {
        try {
            Class.forName("uk.ac.manchester.tornado.api.TornadoExecutionPlan", false, TornadoAccelerator.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Probe.unusable("TornadoVM's classes are not loaded: run with its argfile (java @$TORNADOVM_HOME/tornado-argfile ...; the snetc launcher adds it)");
        }
        if (System.getProperty("tornado.load.runtime.implementation") == null) {
            return Probe.unusable("TornadoVM's runtime is not configured: run with its argfile (java @$TORNADOVM_HOME/tornado-argfile ...)");
        }
        try {
            List<Device> devices = TornadoDevices.list();
            return devices.isEmpty() ? Probe.unusable("TornadoVM found no device (no OpenCL, PTX or SPIR-V platform answered)") : new Probe(devices, null);
        } catch (Throwable e) {  // a static initialiser's error, a missing native library: all mean "not here"
            return Probe.unusable("TornadoVM did not start: " + Backends.firstLine(e));
        }
    }
}
