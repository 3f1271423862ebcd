package dev.snet.compiler.cli;

import dev.snet.runtime.backend.Accelerator;
import dev.snet.runtime.backend.Backends;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"Lists TornadoVM's backends and devices as --device N:M picks them, or says why TornadoVM is not usable here.",
                "Exit status 0 when at least one device answers, 1 otherwise."})
final class DevicesCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Accelerator> tornado = Backends.tornado();
        Accelerator.Probe probe = tornado.map(Accelerator::probe).orElseGet(() -> Accelerator.Probe.unusable(Backends.absence()));
        if (!probe.usable()) {
            err.println("snetc devices: " + (probe.problem() != null ? probe.problem() : "TornadoVM found no device") + "; models run on the CPU");
            err.flush();
            return Snetc.DIAGNOSTICS;
        }
        out.printf("%-6s %-10s %s%n", "device", "backend", "name");
        for (Accelerator.Device d : probe.devices()) out.printf("%-6s %-10s %s (%s)%n", d.id(), d.backend(), d.name(), d.detail());
        out.flush();
        return Snetc.OK;
    }
}
