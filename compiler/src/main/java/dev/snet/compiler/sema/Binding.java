package dev.snet.compiler.sema;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.diag.Diagnostics;
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

    /** Warns about a tensor that was computed and never read; names starting with `_` are exempt. */
    void reportIfUnused(String name, Diagnostics diagnostics) {
        if (constant || used || name.startsWith("_") || !(value instanceof Value.TensorV)) return;
        diagnostics.report(Diagnostic.warning(Code.SN0209, span, "value `" + name + "` is never used")
                .label("computed here")
                .help("remove it, use it, or start its name with `_`"));
    }
}
