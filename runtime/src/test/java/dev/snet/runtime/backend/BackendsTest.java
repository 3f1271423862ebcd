package dev.snet.runtime.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The choice of backend against accelerators that answer, or do not. */
class BackendsTest {
    static Accelerator fake(Accelerator.Probe probe) {
        return new Accelerator() {
            public String name() { return "tornado"; }
            public Probe probe() { return probe; }
        };
    }

    static final Accelerator.Probe TWO = new Accelerator.Probe(List.of(
            new Accelerator.Device(new DeviceId(0, 0), "OpenCL", "pocl", "CPU"),
            new Accelerator.Device(new DeviceId(1, 0), "PTX", "H200", "GPU")), null);

    @Test
    void autoTakesTornadoVmWhenADeviceAnswers() throws Exception {
        Backends.Selection s = Backends.select(Backend.AUTO, null, Optional.of(fake(TWO)));
        assertEquals(Backend.TORNADO, s.backend());
        assertEquals("backend: tornado on 0:0 OpenCL pocl", s.notice());
        Backends.Selection gpu = Backends.select(Backend.AUTO, new DeviceId(1, 0), Optional.of(fake(TWO)));
        assertEquals(new DeviceId(1, 0), gpu.device());
    }

    @Test
    void autoFallsBackToTheCpuSayingWhy() throws Exception {
        Backends.Selection none = Backends.select(Backend.AUTO, null, Optional.empty());
        assertEquals(Backend.CPU, none.backend());
        assertTrue(none.notice().startsWith("backend: cpu (auto: "), none.notice());
        Backends.Selection broken = Backends.select(Backend.AUTO, null, Optional.of(fake(Accelerator.Probe.unusable("no OpenCL platform"))));
        assertEquals("backend: cpu (auto: no OpenCL platform)", broken.notice());
        Backends.Selection empty = Backends.select(Backend.AUTO, null, Optional.of(fake(new Accelerator.Probe(List.of(), null))));
        assertEquals("backend: cpu (auto: TornadoVM found no device)", empty.notice());
    }

    @Test
    void tornadoWithoutADeviceIsAnError() {
        Backends.Unavailable e = assertThrows(Backends.Unavailable.class,
                () -> Backends.select(Backend.TORNADO, null, Optional.of(fake(Accelerator.Probe.unusable("no OpenCL platform")))));
        assertEquals("cannot run on TornadoVM: no OpenCL platform", e.getMessage());
        Backends.Unavailable missing = assertThrows(Backends.Unavailable.class, () -> Backends.select(Backend.TORNADO, new DeviceId(2, 0), Optional.of(fake(TWO))));
        assertEquals("cannot run on TornadoVM: TornadoVM has no device 2:0; it has 0:0 (pocl), 1:0 (H200) (see snetc devices)", missing.getMessage());
        assertThrows(Backends.Unavailable.class, () -> Backends.select(Backend.AUTO, new DeviceId(0, 0), Optional.empty()), "a device asks for TornadoVM");
        assertThrows(Backends.Unavailable.class, () -> Backends.select(Backend.CPU, new DeviceId(0, 0), Optional.of(fake(TWO))));
    }

    /** A stand-in for a generated CPU model class: the embedding API needs its (WeightSource) constructor. */
    public static final class Identity implements dev.snet.runtime.CompiledModel {
        public Identity(dev.snet.runtime.weights.WeightSource weights) { }

        public int[] inputShape() { return new int[] {2}; }

        public int[] outputShape() { return new int[] {2}; }

        public int arenaFloats() { return 0; }

        public void run(float[] in, int inAt, float[] out, int outAt, int batch) { System.arraycopy(in, inAt, out, outAt, 2 * batch); }
    }

    @Test
    void theEmbeddingApiChoosesTheSameWay() throws Exception {
        List<String> notices = new java.util.ArrayList<>();
        ClassLoader loader = BackendsTest.class.getClassLoader();
        var model = Backends.open(loader, Identity.class.getName(), "snet.models.IdentityTornado", new dev.snet.runtime.weights.RandomInit(1),
                Backend.AUTO, null, 1, notices::add);
        assertTrue(model instanceof Identity, "no TornadoVM on this class path: the CPU class");
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).startsWith("backend: cpu (auto: "), notices.get(0));
        assertThrows(Backends.Unavailable.class, () -> Backends.open(loader, Identity.class.getName(), "snet.models.IdentityTornado",
                new dev.snet.runtime.weights.RandomInit(1), Backend.TORNADO, null, 1, notices::add));
    }

    @Test
    void devicesParse() {
        assertEquals(Optional.of(new DeviceId(1, 2)), DeviceId.parse("1:2"));
        for (String bad : List.of("", "1", ":1", "1:", "1:2:3", "a:b", "-1:0", "1:-0x")) assertEquals(Optional.empty(), DeviceId.parse(bad), bad);
        assertEquals("1:2", new DeviceId(1, 2).toString());
    }
}
