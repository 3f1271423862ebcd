package dev.snet.compiler.codegen.cpu;

import com.palantir.javapoet.ClassName;
import dev.snet.compiler.codegen.Identifiers;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeSpec;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.plan.Layout;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Emits the plane tables: one constant per distinct layout, named after the first layer that has it.
 * The memory plan's offsets are moved on by {@code Arenas.BASE}, which puts them on cache lines.
 */
final class Layouts {
    private static final ClassName PLANES = ClassName.get("dev.snet.runtime.kernels", "Planes");
    private static final ClassName ARENAS = ClassName.get("dev.snet.runtime.kernels", "Arenas");

    private final Map<Layout, String> names = new HashMap<>();
    private final Identifiers ids;
    private final TypeSpec.Builder type;

    Layouts(Identifiers ids, TypeSpec.Builder type) {
        this.ids = ids;
        this.type = type;
    }

    /** The constant holding where {@code node}'s channels lie, emitted on first use. */
    String of(Node node, Layout layout) { return of(node.name(), layout); }

    String of(String hint, Layout layout) {
        return names.computeIfAbsent(layout, l -> {
            String name = ids.unique("AT_", hint).toUpperCase(java.util.Locale.ROOT);
            FieldSpec.Builder f = FieldSpec.builder(int[].class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
            if (l.spacing() > 0) {
                f.initializer("$T.range($T.BASE + $L, $L, $L)", PLANES, ARENAS, l.planes().length == 0 ? 0 : l.planes()[0], l.channels(), l.spacing());
            } else {
                f.initializer("$T.parse($T.BASE, $S)", PLANES, ARENAS, dev.snet.runtime.kernels.Planes.format(l.planes()));
            }
            type.addField(f.build());
            return name;
        });
    }
}
