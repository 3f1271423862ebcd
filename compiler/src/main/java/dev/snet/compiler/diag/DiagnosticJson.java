package dev.snet.compiler.diag;

import dev.snet.compiler.source.SourceSpan;
import dev.snet.compiler.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --error-format=json} form: one array of objects with exact positions. */
public final class DiagnosticJson {
    private DiagnosticJson() {}

    public static String render(List<Diagnostic> diagnostics) {
        return Json.write(diagnostics.stream().map(DiagnosticJson::object).toList()) + "\n";
    }

    private static Map<String, Object> object(Diagnostic d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("severity", d.severity().word());
        o.put("code", d.code().name());
        o.put("message", d.message());
        o.put("span", d.span() == null ? null : span(d.span(), d.label()));
        o.put("secondary", d.secondary().stream().map(l -> span(l.span(), l.text())).toList());
        o.put("notes", d.notes());
        o.put("help", d.help());
        return o;
    }

    private static Map<String, Object> span(SourceSpan s, String label) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", s.file().path());
        o.put("line", s.line());
        o.put("column", s.column());
        o.put("end_line", s.endLine());
        o.put("end_column", s.endColumn());
        o.put("label", label);
        return o;
    }
}
