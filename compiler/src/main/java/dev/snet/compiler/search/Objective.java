package dev.snet.compiler.search;

/** What the search optimises: a metric to maximise ({@code zen}) or, with a minus, to minimise ({@code -macs}). */
public record Objective(Metric metric, boolean maximize) {

    public static Objective parse(String text) {
        String t = text.trim();
        boolean minimize = t.startsWith("-");
        String name = minimize ? t.substring(1) : t.startsWith("+") ? t.substring(1) : t;
        Metric m = Metric.named(name).orElseThrow(() -> new IllegalArgumentException("--objective " + text + ": no metric `" + name
                + "`; metrics: " + Metric.names() + " (maximised; put - in front to minimise, e.g. -macs)"));
        return new Objective(m, !minimize);
    }

    /** The value with its sign set so that larger is better. */
    public double better(double value) { return maximize ? value : -value; }

    @Override
    public String toString() { return (maximize ? "" : "-") + metric.key(); }
}
