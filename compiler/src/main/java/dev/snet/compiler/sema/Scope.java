package dev.snet.compiler.sema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Names visible in a body; repeat and if bodies nest inside their enclosing scope, blocks start afresh. */
final class Scope {
    private final Scope parent;
    private final Map<String, Binding> names = new LinkedHashMap<>();

    Scope(Scope parent) { this.parent = parent; }

    void define(String name, Binding b) { names.put(name, b); }

    Binding local(String name) { return names.get(name); }

    Binding lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Binding b = s.names.get(name);
            if (b != null) return b;
        }
        return null;
    }

    List<String> visibleNames() {
        List<String> all = new ArrayList<>();
        for (Scope s = this; s != null; s = s.parent) all.addAll(s.names.keySet());
        return all;
    }

    void reportUnused(DeadValues dead) {
        names.forEach((name, b) -> b.reportIfUnused(name, dead));
    }
}
