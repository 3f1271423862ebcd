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
    /** As javac's -Xmaxerrs: past this, errors are counted but not kept (a generated file can hold thousands). */
    public static final int MAX_KEPT = 100;

    private final List<Diagnostic> all = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private long errors;
    private long warnings;

    public void report(Diagnostic d) {
        String key = d.code() + "@" + (d.span() == null ? "-" : d.span().file().path() + ":" + d.span().start() + ":" + d.span().end());
        if (seen.add(key)) keep(d);
    }

    /** Reports a diagnostic that may share its place with others of its code but says something different. */
    public void reportDistinct(Diagnostic d) {
        if (seen.add(d.code() + "@" + d.message())) keep(d);
    }

    private void keep(Diagnostic d) {
        if (all.size() < MAX_KEPT) all.add(d);
        if (d.isError()) errors++;
        else warnings++;
    }

    public void report(Diagnostic.Builder b) { report(b.build()); }

    public boolean hasErrors() { return errors > 0; }

    /** Every error reported, shown or not. */
    public long errorCount() { return errors; }

    public long warningCount() { return warnings; }

    /** True once no further diagnostic will be shown: callers may skip work spent only on messages (suggestions). */
    public boolean full() { return all.size() >= MAX_KEPT; }

    /** How many were reported but not kept. */
    public long omitted() { return errors + warnings - all.size(); }

    /** In source order, so output reads top to bottom like the file. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(all);
        copy.sort(java.util.Comparator
                .comparing((Diagnostic d) -> d.span() == null ? "" : d.span().file().path())
                .thenComparingInt(d -> d.span() == null ? -1 : d.span().start()));
        return copy;
    }
}
