package dev.snet.compiler.diag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects diagnostics for one compilation. A block expanded many times reports a mistake in its
 * body once: diagnostics are de-duplicated by code and primary place.
 */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    public void report(Diagnostic d) {
        String key = d.code() + "@" + (d.span() == null ? "-" : d.span().file().path() + ":" + d.span().start() + ":" + d.span().end());
        if (seen.add(key)) all.add(d);
    }

    /** Reports a diagnostic that may share its place with others of its code but says something different. */
    public void reportDistinct(Diagnostic d) {
        if (seen.add(d.code() + "@" + d.message())) all.add(d);
    }

    public void report(Diagnostic.Builder b) { report(b.build()); }

    public boolean hasErrors() { return all.stream().anyMatch(Diagnostic::isError); }

    public long errorCount() { return all.stream().filter(Diagnostic::isError).count(); }

    public long warningCount() { return all.size() - errorCount(); }

    /** In source order, so output reads top to bottom like the file. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(all);
        copy.sort(java.util.Comparator
                .comparing((Diagnostic d) -> d.span() == null ? "" : d.span().file().path())
                .thenComparingInt(d -> d.span() == null ? -1 : d.span().start()));
        return copy;
    }
}
