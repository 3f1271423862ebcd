package dev.snet.compiler.sema;

import dev.snet.compiler.source.SourceSpan;

/** A name's current value and where it was defined. Tensor bindings may be re-assigned; constants may not. */
final class Binding {
    Value value;
    SourceSpan span;
    final boolean constant;
    boolean used;

    Binding(Value value, SourceSpan span, boolean constant) {
        this.value = value;
        this.span = span;
        this.constant = constant;
    }

    /** Notes a tensor that was computed and never read; names starting with `_` are exempt. */
    void reportIfUnused(String name, DeadValues dead) {
        if (constant || used || name.startsWith("_") || !(value instanceof Value.TensorV)) return;
        dead.maybeDead(name, span);
    }
}
