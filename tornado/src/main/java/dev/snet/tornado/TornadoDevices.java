package dev.snet.tornado;

import dev.snet.runtime.backend.Accelerator;
import dev.snet.runtime.backend.DeviceId;
import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.TornadoBackend;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/** TornadoVM's backends and devices, numbered as {@code TornadoExecutionPlan.getDevice(backend, device)} takes them. */
final class TornadoDevices {
    private TornadoDevices() {}

    static List<Accelerator.Device> list() {
        TornadoRuntime runtime = TornadoRuntimeProvider.getTornadoRuntime();
        List<Accelerator.Device> devices = new ArrayList<>();
        for (int b = 0; b < runtime.getNumBackends(); b++) {
            TornadoBackend backend = runtime.getBackend(b);
            for (int d = 0; d < backend.getNumDevices(); d++) {
                TornadoDevice device = backend.getDevice(d);
                String detail = device.getDeviceType() + ", " + (device.getPhysicalDevice().getDeviceGlobalMemorySize() >> 20) + " MiB";
                devices.add(new Accelerator.Device(new DeviceId(b, d), backend.getName(), device.getPhysicalDevice().getDeviceName(), detail));
            }
        }
        return devices;
    }
}
