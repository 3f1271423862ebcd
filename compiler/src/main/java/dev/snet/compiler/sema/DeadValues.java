package dev.snet.compiler.sema;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.source.SourceSpan;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tensors computed and never read. A block is expanded many times, and a definition may be dead in
 * one expansion and live in another (a shortcut replaced only in stride-2 units): a definition is
 * reported only when no expansion reads it.
 */
final class DeadValues {
    private final Map<SourceSpan, String> unread = new LinkedHashMap<>();
    private final Set<SourceSpan> read = new HashSet<>();

    void markRead(SourceSpan definition) { read.add(definition); }

    void maybeDead(String name, SourceSpan definition) { unread.putIfAbsent(definition, name); }

    void report(Diagnostics diagnostics) {
        unread.forEach((span, name) -> {
            if (read.contains(span)) return;
            diagnostics.report(Diagnostic.warning(Code.SN0209, span, "value `" + name + "` is never used")
                    .label("computed here")
                    .help("remove it, use it, or start its name with `_`"));
        });
    }
}
