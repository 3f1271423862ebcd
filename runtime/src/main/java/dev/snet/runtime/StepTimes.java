package dev.snet.runtime;

/**
 * Wall-clock time spent in each step of a model compiled with profiling on ({@code snetc bench
 * --profile}): the generated run method calls {@link #start} before the first step and
 * {@link #lap} after each. Allocates nothing while timing; one running thread at a time.
 */
public final class StepTimes {
    private final String[] labels;
    private final String[] ops;
    private final long[] macs;
    private final long[] nanos;
    private long last;
    private long samples;

    /** {@code labels[i]}, {@code ops[i]} and {@code macs[i]} describe step {@code i}. */
    public StepTimes(String[] labels, String[] ops, long[] macs) {
        if (labels.length != ops.length || labels.length != macs.length) throw new IllegalArgumentException("one label, op and MAC count per step");
        this.labels = labels.clone();
        this.ops = ops.clone();
        this.macs = macs.clone();
        this.nanos = new long[labels.length];
    }

    public void start() {
        samples++;
        last = System.nanoTime();
    }

    public void lap(int step) {
        long now = System.nanoTime();
        nanos[step] += now - last;
        last = now;
    }

    /** Forgets what was measured so far (after a warm-up). */
    public void reset() {
        java.util.Arrays.fill(nanos, 0);
        samples = 0;
    }

    public int steps() { return labels.length; }

    public String label(int step) { return labels[step]; }

    public String op(int step) { return ops[step]; }

    public long macs(int step) { return macs[step]; }

    /** Mean nanoseconds per sample in {@code step} since the last reset. */
    public double meanNanos(int step) { return samples == 0 ? 0 : (double) nanos[step] / samples; }

    /** A model compiled with profiling on. */
    public interface Profiled {
        StepTimes stepTimes();
    }
}
