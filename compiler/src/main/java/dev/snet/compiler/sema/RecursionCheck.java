package dev.snet.compiler.sema;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.syntax.Ast.*;
import dev.snet.compiler.syntax.Loader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Finds blocks that use themselves, directly or through others: networks are finite, so that is an error. */
final class RecursionCheck {
    private final Loader.Unit unit;
    private final Diagnostics diagnostics;
    private final Set<String> done = new HashSet<>();

    RecursionCheck(Loader.Unit unit, Diagnostics diagnostics) {
        this.unit = unit;
        this.diagnostics = diagnostics;
    }

    /** A use of one block inside another. */
    private record Use(String block, CallStage site) {}

    void run() {
        for (String name : new java.util.TreeSet<>(unit.blocks().keySet())) visit(name, new ArrayList<>());
    }

    private void visit(String block, List<Use> chain) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).block().equals(block)) {
                report(chain.subList(i, chain.size()));
                return;
            }
        }
        if (done.contains(block)) return;
        BlockDecl decl = unit.blocks().get(block);
        for (CallStage use : uses(decl.body())) {
            if (!unit.blocks().containsKey(use.name())) continue;
            chain.add(new Use(block, use));
            visit(use.name(), chain);
            chain.remove(chain.size() - 1);
        }
        done.add(block);
    }

    private void report(List<Use> cycle) {
        Use last = cycle.get(cycle.size() - 1);
        List<String> names = new ArrayList<>(cycle.stream().map(Use::block).toList());
        names.add(cycle.get(0).block());
        Diagnostic.Builder d = Diagnostic.error(Code.SN0208, last.site().span(), "block `" + cycle.get(0).block() + "` uses itself: "
                        + String.join(" -> ", names))
                .label("recursive use")
                .help("a network has a fixed depth: use `repeat N { ... }` instead of recursion");
        for (int i = 0; i < cycle.size() - 1; i++) d.secondary(cycle.get(i).site().span(), "`" + cycle.get(i).block() + "` uses `" + cycle.get(i + 1).block() + "` here");
        diagnostics.report(d);
    }

    private static List<CallStage> uses(List<Stmt> body) {
        List<CallStage> out = new ArrayList<>();
        for (Stmt s : body) stmt(s, out);
        return out;
    }

    private static void stmt(Stmt s, List<CallStage> out) {
        switch (s) {
            case Input in -> { }
            case Let l -> expr(l.value(), out);
            case Assign a -> expr(a.value(), out);
            case Repeat r -> { expr(r.count(), out); r.body().forEach(x -> stmt(x, out)); }
            case If i -> { expr(i.condition(), out); i.then().forEach(x -> stmt(x, out)); i.otherwise().forEach(x -> stmt(x, out)); }
            case Return r -> expr(r.value(), out);
        }
    }

    private static void expr(Expr e, List<CallStage> out) {
        switch (e) {
            case Pipe p -> { expr(p.source(), out); stage(p.stage(), out); }
            case Call c -> c.args().forEach(a -> expr(a.value(), out));
            case ListLit l -> l.items().forEach(x -> expr(x, out));
            case Choice c -> c.options().forEach(x -> expr(x, out));
            case Member m -> expr(m.target(), out);
            case Index i -> { expr(i.target(), out); expr(i.index(), out); }
            case Unary u -> expr(u.operand(), out);
            case Binary b -> { expr(b.left(), out); expr(b.right(), out); }
            case Conditional c -> { expr(c.condition(), out); expr(c.then(), out); expr(c.otherwise(), out); }
            default -> { }
        }
    }

    private static void stage(Stage s, List<CallStage> out) {
        switch (s.body()) {
            case CallStage c -> { out.add(c); c.args().forEach(a -> expr(a.value(), out)); }
            case SeqStage q -> q.stages().forEach(x -> stage(x, out));
        }
    }
}
