package dev.snet.compiler.cli;

import dev.snet.runtime.StepTimes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** How `snetc bench --profile` shows where the time goes: the slowest steps first. */
final class StepProfile {
    private StepProfile() {}

    static void print(PrintWriter out, StepTimes t, int top, double peakPerCore) {
        double total = IntStream.range(0, t.steps()).mapToDouble(t::meanNanos).sum();
        List<Integer> order = slowestFirst(t);
        out.printf("  %-28s %9s %7s %8s %6s  %s%n", "step", "us/sample", "share", "GFLOP/s", "peak", "op");
        int shown = top <= 0 ? order.size() : Math.min(top, order.size());
        for (int k = 0; k < shown; k++) {
            int i = order.get(k);
            double us = t.meanNanos(i) / 1e3;
            double gflops = gflops(t, i);
            out.printf("  %-28s %9.1f %6.1f%% %8s %6s  %s%n", t.label(i), us, 100 * t.meanNanos(i) / total,
                    gflops > 0 ? String.format("%.1f", gflops) : "-", gflops > 0 ? String.format("%.0f%%", 100 * gflops / peakPerCore) : "-", t.op(i));
        }
        if (shown < order.size()) {
            double rest = order.subList(shown, order.size()).stream().mapToDouble(t::meanNanos).sum();
            out.printf("  %-28s %9.1f %6.1f%%%n", "(" + (order.size() - shown) + " more steps)", rest / 1e3, 100 * rest / total);
        }
        out.printf("  %-28s %9.1f%n", "total", total / 1e3);
    }

    static List<Map<String, Object>> json(StepTimes t) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < t.steps(); i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("step", t.label(i));
            s.put("op", t.op(i));
            s.put("us_per_sample", t.meanNanos(i) / 1e3);
            s.put("macs", t.macs(i));
            s.put("gflops", gflops(t, i));
            steps.add(s);
        }
        return steps;
    }

    private static double gflops(StepTimes t, int i) {
        return t.meanNanos(i) > 0 ? 2.0 * t.macs(i) / t.meanNanos(i) : 0;
    }

    private static List<Integer> slowestFirst(StepTimes t) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, t.steps()).boxed().toList());
        order.sort(Comparator.comparingDouble((Integer i) -> t.meanNanos(i)).reversed());
        return order;
    }
}
