package dev.snet.runtime.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser for small documents (safetensors headers): objects become LinkedHashMaps,
 * arrays Lists, numbers Long or Double. Nesting is limited so hostile input cannot exhaust the stack.
 */
public final class JsonReader {
    private static final int MAX_DEPTH = 64;

    /** Malformed JSON; the message gives the character offset. */
    public static final class JsonException extends Exception {
        JsonException(String message) { super(message); }
    }

    private final String s;
    private int i;

    private JsonReader(String s) { this.s = s; }

    public static Object parse(String text) throws JsonException {
        JsonReader r = new JsonReader(text);
        Object v = r.value(0);
        r.space();
        if (r.i != r.s.length()) throw r.error("unexpected text after the JSON value");
        return v;
    }

    private Object value(int depth) throws JsonException {
        if (depth > MAX_DEPTH) throw error("nested too deeply");
        space();
        if (i >= s.length()) throw error("unexpected end");
        char c = s.charAt(i);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) throws JsonException {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        space();
        if (peek('}')) { i++; return m; }
        while (true) {
            space();
            if (!peek('"')) throw error("expected a string key");
            String key = string();
            space();
            expect(':');
            if (m.put(key, value(depth + 1)) != null) throw error("duplicate key \"" + key + "\"");
            space();
            if (peek(',')) { i++; continue; }
            expect('}');
            return m;
        }
    }

    private List<Object> array(int depth) throws JsonException {
        List<Object> l = new ArrayList<>();
        i++;
        space();
        if (peek(']')) { i++; return l; }
        while (true) {
            l.add(value(depth + 1));
            space();
            if (peek(',')) { i++; continue; }
            expect(']');
            return l;
        }
    }

    private String string() throws JsonException {
        StringBuilder out = new StringBuilder();
        i++;
        while (true) {
            if (i >= s.length()) throw error("unterminated string");
            char c = s.charAt(i++);
            if (c == '"') return out.toString();
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') { out.append(c); continue; }
            if (i >= s.length()) throw error("unterminated string");
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) throw error("bad \\u escape");
                    try {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    i += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Object number() throws JsonException {
        int start = i;
        if (peek('-')) i++;
        while (i < s.length() && "0123456789+-.eE".indexOf(s.charAt(i)) >= 0) i++;
        String text = s.substring(start, i);
        try {
            if (text.matches("-?(0|[1-9][0-9]*)")) return Long.parseLong(text);
            if (!text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) throw new NumberFormatException();
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw error("bad number " + text);
        }
    }

    private Object literal(String word, Object value) throws JsonException {
        if (!s.startsWith(word, i)) throw error("unexpected character '" + s.charAt(i) + "'");
        i += word.length();
        return value;
    }

    private void space() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }

    private boolean peek(char c) { return i < s.length() && s.charAt(i) == c; }

    private void expect(char c) throws JsonException {
        if (!peek(c)) throw error("expected '" + c + "'");
        i++;
    }

    private JsonException error(String message) { return new JsonException(message + " at offset " + i); }
}
