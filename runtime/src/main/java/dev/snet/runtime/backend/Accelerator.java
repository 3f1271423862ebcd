package dev.snet.runtime.backend;

import java.util.List;

/**
 * A run-time backend beside the CPU, found with {@link java.util.ServiceLoader}: snet's tornado
 * module provides TornadoVM's. The runtime never names its classes, so a deployment without
 * TornadoVM loads none of them.
 */
public interface Accelerator {
    /** The name {@code --backend} takes. */
    String name();

    /** Whether it can run models here: its runtime loads and at least one device answers. Never throws. */
    Probe probe();

    /** A device as {@code snetc devices} lists it. */
    record Device(DeviceId id, String backend, String name, String detail) {}

    /** The answer of {@link #probe}: the devices, or why there are none to use. */
    record Probe(List<Device> devices, String problem) {
        public Probe {
            devices = List.copyOf(devices);
        }

        public static Probe unusable(String problem) { return new Probe(List.of(), problem); }

        public boolean usable() { return problem == null && !devices.isEmpty(); }
    }
}
