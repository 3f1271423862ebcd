package dev.snet.compiler.codegen;

import dev.snet.compiler.codegen.cpu.CpuTarget;
import dev.snet.compiler.codegen.tornado.TornadoTarget;
import java.util.List;
import java.util.Optional;

/** The targets, by the name {@code --target} takes. */
public final class Targets {
    private Targets() {}

    public static final Target CPU = new CpuTarget();
    public static final Target TORNADO = new TornadoTarget();

    private static final List<Target> ALL = List.of(CPU, TORNADO);

    public static List<String> names() { return ALL.stream().map(Target::name).toList(); }

    public static Optional<Target> named(String name) { return ALL.stream().filter(t -> t.name().equals(name)).findFirst(); }
}
