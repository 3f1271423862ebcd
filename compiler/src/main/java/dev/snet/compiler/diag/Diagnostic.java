package dev.snet.compiler.diag;

import dev.snet.compiler.source.SourceSpan;
import java.util.List;

/**
 * One message from any stage of the compiler. The primary span may be null for messages
 * that concern no place in a file (a bad {@code -P} on the command line names the model instead).
 */
public record Diagnostic(
        Severity severity,
        Code code,
        String message,
        SourceSpan span,
        String label,
        List<Label> secondary,
        List<String> notes,
        String help) {

    /** A secondary place that explains the primary one ("the channel count comes from here"). */
    public record Label(SourceSpan span, String text) {}

    public Diagnostic {
        secondary = List.copyOf(secondary);
        notes = List.copyOf(notes);
    }

    public static Builder error(Code code, SourceSpan span, String message) {
        return new Builder(Severity.ERROR, code, span, message);
    }

    public static Builder warning(Code code, SourceSpan span, String message) {
        return new Builder(Severity.WARNING, code, span, message);
    }

    public boolean isError() { return severity == Severity.ERROR; }

    public static final class Builder {
        private final Severity severity;
        private final Code code;
        private final SourceSpan span;
        private final String message;
        private String label = "";
        private final java.util.ArrayList<Label> secondary = new java.util.ArrayList<>();
        private final java.util.ArrayList<String> notes = new java.util.ArrayList<>();
        private String help;

        private Builder(Severity severity, Code code, SourceSpan span, String message) {
            this.severity = severity;
            this.code = code;
            this.span = span;
            this.message = message;
        }

        public Builder label(String text) { this.label = text; return this; }

        public Builder secondary(SourceSpan where, String text) {
            if (where != null) secondary.add(new Label(where, text));
            return this;
        }

        public Builder note(String text) { notes.add(text); return this; }

        public Builder help(String text) { this.help = text; return this; }

        public Diagnostic build() {
            return new Diagnostic(severity, code, message, span, label, secondary, notes, help);
        }
    }
}
