package dev.snet.compiler.diag;

import dev.snet.compiler.source.SourceSpan;

/**
 * Renders diagnostics the way rustc and Elm do: location, message, the user's own line with
 * carets under the whole span, secondary places, notes and a help line.
 */
public final class DiagnosticRenderer {
    private final boolean colour;

    public DiagnosticRenderer(boolean colour) { this.colour = colour; }

    public String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        String where = d.span() == null ? "snetc" : visible(d.span().location());
        String severityColour = d.isError() ? "31" : "33";
        out.append(bold(where + ":")).append(' ')
           .append(paint(severityColour + ";1", d.severity().word() + "[" + d.code() + "]"))
           .append(bold(": " + visible(d.message()))).append('\n');
        if (d.span() != null) {
            int width = gutterWidth(d);
            excerpt(out, d.span(), d.label(), '^', severityColour, width, null);
            for (Diagnostic.Label l : d.secondary()) {
                SourceSpan s = l.span();
                String header = s.file().equals(d.span().file()) ? null : visible(s.location());
                excerpt(out, s, l.text(), '-', "34", width, header);
            }
        }
        String pad = d.span() == null ? "" : " ".repeat(gutterWidth(d));
        for (String n : d.notes()) out.append(pad).append(" = ").append(bold("note")).append(": ").append(visible(n)).append('\n');
        if (d.help() != null) out.append(pad).append(" = ").append(bold("help")).append(": ").append(visible(d.help())).append('\n');
        return out.toString();
    }

    /** The most of one source line an excerpt shows. */
    private static final int WINDOW = 160;

    private static int gutterWidth(Diagnostic d) {
        int max = d.span().line();
        for (Diagnostic.Label l : d.secondary()) max = Math.max(max, l.span().line());
        return Integer.toString(max).length() + 1;
    }

    private void excerpt(StringBuilder out, SourceSpan span, String label, char mark, String markColour, int width, String header) {
        String gutter = " ".repeat(width);
        if (header != null) out.append(gutter).append(paint("34", "--> ")).append(header).append('\n');
        int line = span.line();
        String text = visible(span.file().lineText(line));
        int from = span.column() - 1;
        int to = span.endLine() == line ? span.endColumn() - 1 : text.length();
        if (text.length() > WINDOW) {  // a generated line can be megabytes long: show the part around the span
            int start = Math.max(0, Math.min(from - 40, text.length() - WINDOW));
            String shown = text.substring(start, Math.min(text.length(), start + WINDOW));
            String lead = start > 0 ? "…" : "";
            from = from - start + lead.length();
            to = Math.min(to - start + lead.length(), lead.length() + shown.length());
            text = lead + shown + (start + WINDOW < text.length() ? "…" : "");
        }
        out.append(paint("34", gutter + " |")).append('\n');
        out.append(paint("34", padLeft(Integer.toString(line), width) + " |")).append(' ').append(text).append('\n');
        int count = Math.max(1, to - from);
        StringBuilder under = new StringBuilder();
        for (int i = 0; i < from && i < text.length(); i++) under.append(text.charAt(i) == '\t' ? '\t' : ' ');
        for (int i = text.length(); i < from; i++) under.append(' ');
        String marks = String.valueOf(mark).repeat(count) + (label == null || label.isEmpty() ? "" : " " + visible(label));
        out.append(paint("34", gutter + " |")).append(' ').append(under).append(paint(markColour + ";1", marks)).append('\n');
    }

    /**
     * The text with control characters shown as their Unicode pictures (ESC as ␛, NUL as ␀): a source
     * must not drive the user's terminal, and one picture per character keeps the carets aligned.
     */
    static String visible(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F || (c >= 0x80 && c < 0xA0);
            if (control && out == null) out = new StringBuilder(text.substring(0, i));
            if (out != null) out.append(control ? (c == 0x7F ? '\u2421' : c < 0x20 ? (char) (0x2400 + c) : '\uFFFD') : c);
        }
        return out == null ? text : out.toString();
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }

    private String bold(String s) { return paint("1", s); }

    private String paint(String sgr, String s) {
        return colour ? "\u001b[" + sgr + "m" + s + "\u001b[0m" : s;
    }
}
