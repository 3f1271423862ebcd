package dev.snet.compiler.search;

import java.io.PrintWriter;
import java.util.List;

/**
 * Progress on stderr: on a terminal, one line redrawn in place (a bar, done / planned, rate, the
 * best value of the first objective so far, ETA); otherwise a plain line every ten seconds and at
 * the end, which logs keep readably.
 */
public final class Progress implements SearchRun.Listener {
    private static final long PLAIN_EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final Objective objective;
    private final long start = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private long lastPlain = start;
    private int measured;
    private double best = Double.NaN;
    private boolean drawn;

    public Progress(PrintWriter err, boolean terminal, Objective objective) {
        this.err = err;
        this.terminal = terminal;
        this.objective = objective;
    }

    @Override
    public void trialDone(Trial t, List<Trial> history, int planned) {
        if (t.finishedMillis() >= startMillis) measured++;  // trials taken from the study cost this run nothing: not in the rate
        if (t.complete()) {
            double v = t.metric(objective.metric());
            if (!Double.isNaN(v) && (Double.isNaN(best) || objective.better(v) > objective.better(best))) best = v;
        }
        int done = (int) history.stream().filter(Trial::complete).count();
        long now = System.nanoTime();
        double seconds = (now - start) / 1e9;
        double rate = measured / Math.max(seconds, 1e-9);
        String bestText = Double.isNaN(best) ? "-" : objective.metric().format(best);
        String eta = planned > done && rate > 0 ? duration((planned - done) / rate) : "-";
        if (terminal) {
            int width = 24;
            int filled = planned == 0 ? 0 : Math.min(width, done * width / planned);
            err.printf("\r[%s%s] %d/%d scored, %d trials, %.1f/s, best %s %s, ETA %s   ", "#".repeat(filled), ".".repeat(width - filled), done,
                    planned, history.size(), rate, objective, bestText, eta);
            drawn = true;
            err.flush();
        } else if (now - lastPlain >= PLAIN_EVERY_NANOS) {
            lastPlain = now;
            err.printf("search: %d/%d scored, %d trials, %.1f/s, best %s %s, ETA %s%n", done, planned, history.size(), rate, objective, bestText, eta);
            err.flush();
        }
    }

    /** Ends the bar's line. */
    public void finish() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
