package dev.snet.compiler.render;

import dev.snet.compiler.plan.Block;
import dev.snet.compiler.plan.MemoryPlan;
import java.util.Locale;

/**
 * A memory plan as an SVG picture: arena offset (up) against step (across), one rectangle per
 * block over the steps it is live, the lower bound and the planned arena marked. Hovering a block
 * shows its name, size, offset and steps.
 */
public final class PlanSvg {
    private PlanSvg() {}

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 50;

    public static String of(MemoryPlan plan, String title) {
        int steps = 1;
        for (Block b : plan.blocks()) steps = Math.max(steps, b.last() + 1);
        long arena = 4L * plan.arenaFloats();
        long lower = 4L * plan.lowerBoundFloats();
        long top = Math.max(1, Math.max(arena, lower));
        double sx = (WIDTH - LEFT - RIGHT) / (double) steps;
        double sy = (HEIGHT - TOP - BOTTOM) / (double) top;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n");
        s.append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append("  <text x=\"").append(LEFT).append("\" y=\"22\" font-size=\"14\" font-weight=\"bold\">").append(xml(title)).append("</text>\n");
        s.append("  <text x=\"").append(LEFT).append("\" y=\"38\">").append(xml(String.format(Locale.ROOT,
                "planned %s (%s), lower bound %s (%.3f×), naive %s — bytes per sample",
                bytes(arena), plan.heuristic(), bytes(lower), arena / (double) Math.max(1, lower), bytes(4 * plan.naiveFloats())))).append("</text>\n");
        int y0 = HEIGHT - BOTTOM;
        s.append("  <g stroke=\"#333\" fill=\"none\">\n");
        s.append("    <line x1=\"").append(LEFT).append("\" y1=\"").append(y0).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(y0).append("\"/>\n");
        s.append("    <line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT).append("\" y2=\"").append(y0).append("\"/>\n");
        s.append("  </g>\n");
        for (int i = 0; i <= 4; i++) {
            long v = top * i / 4;
            double y = y0 - v * sy;
            s.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, xml(bytes(v))));
            s.append(String.format(Locale.ROOT, "  <line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>%n", LEFT - 3, y, LEFT, y));
        }
        int tick = Math.max(1, niceStep(steps / 10.0));
        for (int t = 0; t <= steps; t += tick) {
            double x = LEFT + t * sx;
            s.append(String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x, y0 + 16, t));
        }
        s.append(String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">step</text>%n", LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 10));
        s.append(String.format(Locale.ROOT, "  <text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">arena offset</text>%n",
                TOP + (y0 - TOP) / 2.0, TOP + (y0 - TOP) / 2.0));
        s.append("  <g stroke=\"#1f3b5a\" stroke-width=\"0.5\">\n");
        for (Block b : plan.blocks()) {
            long offset = 4L * plan.offsets()[b.id()];
            long size = 4L * b.size();
            double x = LEFT + b.first() * sx;
            double w = (b.last() - b.first() + 1) * sx;
            double y = y0 - (offset + size) * sy;
            double h = Math.max(0.5, size * sy);
            s.append(String.format(Locale.ROOT, "    <rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" fill-opacity=\"0.85\">", x, y, w, h, colour(b.id())));
            s.append("<title>").append(xml(String.format(Locale.ROOT, "%s: %s at %s, steps %d-%d", b.name(), bytes(size), bytes(offset), b.first(), b.last())))
                    .append("</title></rect>\n");
        }
        s.append("  </g>\n");
        line(s, y0 - lower * sy, "#c0392b", "lower bound " + bytes(lower), false);
        line(s, y0 - arena * sy, "#2c3e50", "arena " + bytes(arena), true);
        s.append("</svg>\n");
        return s.toString();
    }

    /** A dashed level across the plot, labelled at its right end or, so that two equal levels stay readable, its left. */
    private static void line(StringBuilder s, double y, String colour, String text, boolean right) {
        s.append(String.format(Locale.ROOT, "  <line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"%s\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>%n",
                LEFT, y, WIDTH - RIGHT, y, colour));
        s.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%.2f\" text-anchor=\"%s\" fill=\"%s\">%s</text>%n",
                right ? WIDTH - RIGHT - 4 : LEFT + 4, y - 4, right ? "end" : "start", colour, xml(text)));
    }

    /** Neighbouring blocks get clearly different hues (golden-angle steps). */
    private static String colour(int id) {
        double hue = (id * 137.508) % 360;
        return String.format(Locale.ROOT, "hsl(%.0f, 55%%, 62%%)", hue);
    }

    private static int niceStep(double raw) {
        int[] steps = {1, 2, 5};
        for (int scale = 1; ; scale *= 10) {
            for (int st : steps) if (st * scale >= raw) return st * scale;
        }
    }

    static String bytes(long b) {
        if (b >= 1 << 20) return String.format(Locale.ROOT, "%.2f MB", b / (double) (1 << 20));
        if (b >= 1 << 10) return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
        return b + " B";
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
