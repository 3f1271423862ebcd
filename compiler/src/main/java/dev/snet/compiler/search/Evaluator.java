package dev.snet.compiler.search;

import dev.snet.compiler.analysis.Cost;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.passes.PassManager;
import dev.snet.compiler.plan.MemoryPlanner;
import dev.snet.compiler.proxy.Proxy;
import dev.snet.compiler.proxy.ProxyException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Measures candidates. Costs (MACs, parameters, arena bytes) come from the compiler and are exact;
 * proxies run the fast kernels on the source graph; each stage runs only if the candidate is
 * still within every budget the earlier stages can check.
 */
final class Evaluator {
    private final Space space;
    private final Settings settings;
    /** Cost stages of admitted candidates, kept for the engine's workers so they need not elaborate again. */
    private final java.util.concurrent.ConcurrentHashMap<String, Stage> admitted = new java.util.concurrent.ConcurrentHashMap<>();

    Evaluator(Space space, Settings settings) {
        this.space = space;
        this.settings = settings;
    }

    /** The outcome of a stage: metrics so far, and why the candidate stops here (null if it goes on). */
    record Stage(Optional<Graph> graph, Map<Metric, Double> metrics, Trial.State stop, String note) {
        boolean goesOn() { return stop == null; }
    }

    /** Elaborates the candidate and counts its costs; checks the cost budgets. */
    Stage costs(Candidate c) {
        Diagnostics d = new Diagnostics();
        Optional<Graph> graph = space.graph(c, d);
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        if (graph.isEmpty()) {
            String why = d.sorted().stream().filter(Diagnostic::isError).findFirst()
                    .map(Diagnostic::message).orElse("it does not elaborate");
            return new Stage(graph, m, Trial.State.FAILED, "does not elaborate: " + why);
        }
        Graph g = graph.get();
        m.put(Metric.MACS, (double) Cost.totalMacs(g));
        m.put(Metric.PARAMS, (double) Cost.totalParams(g));
        if (settings.planArena()) m.put(Metric.ARENA, 4.0 * MemoryPlanner.plan(new PassManager(PassManager.standard(), java.util.Set.of(), (a, b) -> { }).run(g), g,
                dev.snet.compiler.codegen.Targets.CPU.planPolicy()).arenaFloats());
        return check(graph, m);
    }

    /** Keeps an admitted candidate's costs for {@link #admittedCosts}. */
    void remember(Candidate c, Stage costs) { admitted.put(c.encoding(), costs); }

    /** The costs {@link #remember}ed for the candidate (once), or computed now. */
    Stage admittedCosts(Candidate c) {
        Stage s = admitted.remove(c.encoding());
        return s != null ? s : costs(c);
    }

    /** Adds the proxies' scores, from a seed of the candidate's own. */
    Stage proxies(Stage costs, long seed) {
        Map<Metric, Double> m = new EnumMap<>(costs.metrics());
        Graph g = costs.graph().orElseThrow();
        try {
            for (Metric p : settings.proxies()) {
                Proxy proxy = Proxy.named(p.key()).orElseThrow();
                int batch = proxy == Proxy.NASWOT ? settings.naswotBatch() : settings.zenBatch();
                m.put(p, proxy.scoreFresh(g, batch, settings.gamma(), seed));
            }
        } catch (ProxyException e) {
            return new Stage(costs.graph(), m, Trial.State.FAILED, e.getMessage());
        } catch (OutOfMemoryError e) {
            return new Stage(costs.graph(), m, Trial.State.FAILED, "out of memory scoring it at this batch size");
        }
        return check(costs.graph(), m);
    }

    /** Adds the measured latency. */
    Stage latency(Stage scored, LatencyMeter meter) {
        Map<Metric, Double> m = new EnumMap<>(scored.metrics());
        try {
            m.put(Metric.LATENCY, meter.medianMillis(scored.graph().orElseThrow()));
        } catch (LatencyMeter.LatencyException e) {
            return new Stage(scored.graph(), m, Trial.State.FAILED, e.getMessage());
        }
        return check(scored.graph(), m);
    }

    private Stage check(Optional<Graph> g, Map<Metric, Double> m) {
        for (Budget b : settings.budgets()) {
            Double v = m.get(b.metric());
            if (v != null && !b.allows(v)) return new Stage(g, m, Trial.State.INFEASIBLE, "outside " + b.text() + ": " + b.metric().format(v));
        }
        return new Stage(g, m, null, null);
    }
}
