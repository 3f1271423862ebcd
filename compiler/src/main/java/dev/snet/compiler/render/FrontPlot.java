package dev.snet.compiler.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A search's candidates as points against two metrics: the Pareto front in colour and joined by a
 * line, other feasible candidates in grey-blue, infeasible ones as pale crosses. Drawn once as
 * shapes, then written as SVG (text) or PNG (Java2D, headless).
 */
public final class FrontPlot {
    /** One candidate: its two values, whether it is on the front, whether it kept every budget. */
    public record Point(double x, double y, boolean front, boolean feasible, String label) {}

    private static final int W = 900, H = 600, LEFT = 90, RIGHT = 30, TOP = 50, BOTTOM = 70;

    private FrontPlot() {}

    public static String svg(List<Point> points, String title, String xName, String yName) {
        Svg c = new Svg();
        draw(c, points, title, xName, yName);
        return c.finish();
    }

    public static byte[] png(List<Point> points, String title, String xName, String yName) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        draw(new Java2d(g), points, title, xName, yName);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** What the plot is drawn with. */
    private interface Canvas {
        void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed);

        void dot(double x, double y, double r, String color, String title);

        void cross(double x, double y, double r, String color);

        void text(double x, double y, String text, int size, String anchor, boolean vertical);
    }

    private static void draw(Canvas c, List<Point> points, String title, String xName, String yName) {
        // Candidates stopped by a budget before the y metric was measured sit on the x axis.
        List<Point> located = points.stream().filter(p -> Double.isFinite(p.x())).toList();
        double[] xr = range(located.stream().mapToDouble(Point::x).toArray());
        double[] yr = range(located.stream().mapToDouble(Point::y).filter(Double::isFinite).toArray());
        List<Point> shown = located.stream().map(p -> Double.isFinite(p.y()) ? p : new Point(p.x(), yr[0], false, false, p.label())).toList();
        double pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        java.util.function.DoubleUnaryOperator sx = v -> LEFT + (v - xr[0]) / (xr[1] - xr[0]) * pw;
        java.util.function.DoubleUnaryOperator sy = v -> TOP + ph - (v - yr[0]) / (yr[1] - yr[0]) * ph;
        c.text(W / 2.0, 28, title, 16, "middle", false);
        for (int i = 0; i <= 5; i++) {
            double xv = xr[0] + (xr[1] - xr[0]) * i / 5, yv = yr[0] + (yr[1] - yr[0]) * i / 5;
            double x = sx.applyAsDouble(xv), y = sy.applyAsDouble(yv);
            c.line(x, TOP, x, TOP + ph, "#e6e6e6", 1, false);
            c.line(LEFT, y, LEFT + pw, y, "#e6e6e6", 1, false);
            c.text(x, TOP + ph + 18, tick(xv), 11, "middle", false);
            c.text(LEFT - 8, y + 4, tick(yv), 11, "end", false);
        }
        c.line(LEFT, TOP + ph, LEFT + pw, TOP + ph, "#333333", 1.2, false);
        c.line(LEFT, TOP, LEFT, TOP + ph, "#333333", 1.2, false);
        c.text(LEFT + pw / 2, H - 22, xName, 13, "middle", false);
        c.text(22, TOP + ph / 2, yName, 13, "middle", true);
        for (Point p : shown) {
            if (!p.feasible()) c.cross(sx.applyAsDouble(p.x()), sy.applyAsDouble(p.y()), 3.5, "#c8c8c8");
        }
        for (Point p : shown) {
            if (p.feasible() && !p.front()) c.dot(sx.applyAsDouble(p.x()), sy.applyAsDouble(p.y()), 3.5, "#8fa8c8", p.label());
        }
        List<Point> front = new ArrayList<>(shown.stream().filter(Point::front).toList());
        front.sort(java.util.Comparator.comparingDouble(Point::x));
        for (int i = 1; i < front.size(); i++) {
            c.line(sx.applyAsDouble(front.get(i - 1).x()), sy.applyAsDouble(front.get(i - 1).y()), sx.applyAsDouble(front.get(i).x()),
                    sy.applyAsDouble(front.get(i).y()), "#d9534f", 1.5, true);
        }
        for (Point p : front) c.dot(sx.applyAsDouble(p.x()), sy.applyAsDouble(p.y()), 5.5, "#d9534f", p.label());
        double ly = TOP + 8;
        c.dot(LEFT + pw - 250, ly, 5, "#d9534f", null);
        c.text(LEFT + pw - 240, ly + 4, "Pareto front", 11, "start", false);
        c.dot(LEFT + pw - 250, ly + 16, 3.5, "#8fa8c8", null);
        c.text(LEFT + pw - 240, ly + 20, "feasible", 11, "start", false);
        c.cross(LEFT + pw - 250, ly + 32, 3.5, "#b0b0b0");
        c.text(LEFT + pw - 240, ly + 36, "outside a budget (on the axis: not scored)", 11, "start", false);
    }

    private static double[] range(double[] v) {
        double lo = java.util.Arrays.stream(v).min().orElse(0), hi = java.util.Arrays.stream(v).max().orElse(1);
        if (hi - lo <= 0) {
            double pad = Math.max(Math.abs(lo) * 0.05, 1e-9);
            return new double[] {lo - pad, hi + pad};
        }
        double pad = (hi - lo) * 0.05;
        return new double[] {lo - pad, hi + pad};
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) return String.format(Locale.ROOT, "%.2fG", v / 1e9);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        if (a >= 1e4) return String.format(Locale.ROOT, "%.1fK", v / 1e3);
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.3f", v);
    }

    private static final class Svg implements Canvas {
        private final StringBuilder s = new StringBuilder();

        Svg() {
            s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                    + " font-family=\"Helvetica, Arial, sans-serif\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", W, H, W, H));
        }

        public void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n",
                    x1, y1, x2, y2, color, width, dashed ? " stroke-dasharray=\"5,3\"" : ""));
        }

        public void dot(double x, double y, double r, String color, String title) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\">", x, y, r, color));
            if (title != null) s.append("<title>").append(escape(title)).append("</title>");
            s.append("</circle>\n");
        }

        public void cross(double x, double y, double r, String color) {
            line(x - r, y - r, x + r, y + r, color, 1.2, false);
            line(x - r, y + r, x + r, y - r, color, 1.2, false);
        }

        public void text(double x, double y, String text, int size, String anchor, boolean vertical) {
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\"%s>%s</text>\n", x, y, size, anchor,
                    vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", x, y) : "", escape(text)));
        }

        String finish() { return s.append("</svg>\n").toString(); }

        private static String escape(String t) { return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"); }
    }

    private record Java2d(Graphics2D g) implements Canvas {
        public void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
            g.setColor(Color.decode(color));
            g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 3f}, 0f)
                    : new BasicStroke((float) width));
            g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
        }

        public void dot(double x, double y, double r, String color, String title) {
            g.setColor(Color.decode(color));
            g.fill(new java.awt.geom.Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }

        public void cross(double x, double y, double r, String color) {
            line(x - r, y - r, x + r, y + r, color, 1.2, false);
            line(x - r, y + r, x + r, y - r, color, 1.2, false);
        }

        public void text(double x, double y, String text, int size, String anchor, boolean vertical) {
            g.setColor(Color.decode("#222222"));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            int width = g.getFontMetrics().stringWidth(text);
            double dx = anchor.equals("middle") ? -width / 2.0 : anchor.equals("end") ? -width : 0;
            if (vertical) {
                java.awt.geom.AffineTransform saved = g.getTransform();
                g.rotate(-Math.PI / 2, x, y);
                g.drawString(text, (float) (x + dx), (float) y);
                g.setTransform(saved);
            } else {
                g.drawString(text, (float) (x + dx), (float) y);
            }
        }
    }
}
