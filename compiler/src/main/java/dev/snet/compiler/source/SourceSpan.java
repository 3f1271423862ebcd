package dev.snet.compiler.source;

/** A half-open character range [start, end) in one source file. */
public record SourceSpan(SourceFile file, int start, int end) {

    public SourceSpan {
        if (end < start) end = start;
    }

    public int line() { return file.line(start); }

    public int column() { return file.column(start); }

    /** The line:col of the last character covered, for multi-line spans. */
    public int endLine() { return file.line(Math.max(start, end - 1)); }

    public int endColumn() { return file.column(Math.max(start, end - 1)) + 1; }

    public SourceSpan to(SourceSpan other) {
        return new SourceSpan(file, Math.min(start, other.start), Math.max(end, other.end));
    }

    public String location() { return file.path() + ":" + line() + ":" + column(); }

    @Override
    public String toString() { return location(); }
}
