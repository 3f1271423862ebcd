package dev.snet.compiler.syntax;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.source.SourceFile;
import dev.snet.compiler.source.SourceSpan;
import dev.snet.grammar.SnetLexer;
import dev.snet.grammar.SnetParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Parses one file into an AST. Syntax errors stop at the first, reported in plain words. */
public final class SnetSyntax {
    private SnetSyntax() {}

    /** Thrown by the listener to stop the parse at the first error; never escapes this class. */
    private static final class Stop extends RuntimeException {
        Stop() { super(null, null, false, false); }
    }

    public static Optional<Ast.Program> parse(SourceFile file, Diagnostics diagnostics) {
        SnetLexer lexer = new SnetLexer(CharStreams.fromString(file.text(), file.path()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        SnetParser parser = new SnetParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg, RecognitionException e) {
                diagnostics.report(describe(file, parser, (Token) offending, e, msg));
                throw new Stop();
            }
        });
        parser.addParseListener(new DepthLimit(file, parser, diagnostics));
        try {
            SnetParser.FileContext tree = parser.file();
            if (!namesFit(file, tokens, diagnostics)) return Optional.empty();
            return Optional.of(new AstBuilder(file).program(tree));
        } catch (Stop stop) {
            return Optional.empty();
        }
    }

    /**
     * Stops the parser, with a located error, where the source nests deeper than any model needs:
     * the parse (and the tree walks after it) recurse once per level, and past this depth they
     * would spend seconds filling even snetc's deep stack before failing.
     */
    private static final class DepthLimit implements org.antlr.v4.runtime.tree.ParseTreeListener {
        static final int MAX_RULES = 1_000_000;
        private final SourceFile file;
        private final Parser parser;
        private final Diagnostics diagnostics;
        private int depth;

        DepthLimit(SourceFile file, Parser parser, Diagnostics diagnostics) {
            this.file = file;
            this.parser = parser;
            this.diagnostics = diagnostics;
        }

        @Override
        public void enterEveryRule(org.antlr.v4.runtime.ParserRuleContext ctx) {
            if (++depth <= MAX_RULES) return;
            Token t = parser.getCurrentToken();
            diagnostics.report(Diagnostic.error(Code.SN0100, tokenSpan(file, t), "nesting too deep: the parser is " + MAX_RULES + " rules down here")
                    .label("too deep").help("flatten the expression or the blocks: name parts with `let`, or use `repeat`").build());
            throw new Stop();
        }

        @Override
        public void exitEveryRule(org.antlr.v4.runtime.ParserRuleContext ctx) { depth--; }

        @Override
        public void visitTerminal(org.antlr.v4.runtime.tree.TerminalNode node) { }

        @Override
        public void visitErrorNode(org.antlr.v4.runtime.tree.ErrorNode node) { }
    }

    /** Longest name: layer names become weight keys and Java identifiers, which class files bound (64 KB strings). */
    public static final int MAX_NAME = 255;

    private static boolean namesFit(SourceFile file, CommonTokenStream tokens, Diagnostics diagnostics) {
        boolean ok = true;
        for (Token t : tokens.getTokens()) {
            if (t.getType() == SnetLexer.ID && t.getText().length() > MAX_NAME) {
                diagnostics.report(Diagnostic.error(Code.SN0100, new SourceSpan(file, t.getStartIndex(), t.getStartIndex() + MAX_NAME),
                                "a name of " + t.getText().length() + " characters; names are at most " + MAX_NAME)
                        .label("too long").help("use a shorter name").build());
                ok = false;
            }
        }
        return ok;
    }

    private static Diagnostic describe(SourceFile file, Parser parser, Token token, RecognitionException e, String antlrMessage) {
        SourceSpan span = tokenSpan(file, token);
        IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        String found = token.getType() == Token.EOF ? "end of file" : "`" + token.getText() + "`";
        String wanted = expectedWords(parser, expected);
        String message;
        if (token.getType() == SnetLexer.ERROR_CHAR) {
            message = token.getText().equals("\"") ? "unterminated string" : "unexpected character " + found;
        } else if (antlrMessage.startsWith("missing ") && wanted != null) {
            message = "missing " + wanted + " before " + found;
        } else {
            message = "unexpected " + found + (wanted == null ? "" : ", expected " + wanted);
        }
        String label = token.getType() == SnetLexer.ERROR_CHAR
                ? (token.getText().equals("\"") ? "this string is not closed" : "not part of the language")
                : wanted == null ? "not expected here" : "expected " + wanted;
        Diagnostic.Builder d = Diagnostic.error(Code.SN0100, span, message).label(label);
        String help = help(token, expected);
        if (help != null) d.help(help);
        return d.build();
    }

    private static String help(Token token, IntervalSet expected) {
        String text = token.getText();
        if (token.getType() == SnetLexer.ERROR_CHAR && text.equals("\"")) return "close the string with `\"` on the same line";
        if (text.equals("//") || text.equals("/")) return "comments start with `#`; `//` is integer division";
        if (token.getType() == Token.EOF) return "the file ends too early: check that every `{` and `(` is closed";
        if (text.equals(":")) return "named arguments are written with `=`, for example `conv(24, stride=2)`";
        if (text.equals("=") ) return "compare with `==`; `=` only binds a value at the start of a statement";
        if (token.getType() == SnetLexer.ERROR_CHAR && text.equals(";")) return "statements end at the end of the line; remove the `;`";
        return null;
    }

    private static SourceSpan tokenSpan(SourceFile file, Token token) {
        if (token.getType() == Token.EOF) {
            int end = file.text().length();
            int at = Math.max(0, end - 1);
            while (at > 0 && Character.isWhitespace(file.text().charAt(at))) at--;
            return new SourceSpan(file, at, Math.min(end, at + 1));
        }
        return new SourceSpan(file, token.getStartIndex(), token.getStopIndex() + 1);
    }

    /** "`)` or `,`", "an expression", or null when the list would be longer than it is useful. */
    private static String expectedWords(Parser parser, IntervalSet expected) {
        if (expected == null || expected.isNil()) return null;
        boolean expression = expected.contains(SnetLexer.ID) && expected.contains(SnetLexer.INT) && expected.contains(SnetLexer.FLOAT);
        TreeSet<String> words = new TreeSet<>();
        for (int type : expected.toList()) {
            if (expression && isExpressionStart(parser, type)) continue;
            words.add(word(parser, type));
        }
        List<String> list = new ArrayList<>();
        if (expression) list.add("an expression");
        list.addAll(words);
        if (list.size() > 4) return expression ? "an expression" : null;
        if (list.size() == 1) return list.get(0);
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    private static boolean isExpressionStart(Parser parser, int type) {
        if (type == SnetLexer.ID || type == SnetLexer.INT || type == SnetLexer.FLOAT || type == SnetLexer.STRING) return true;
        String literal = parser.getVocabulary().getLiteralName(type);
        return literal != null && List.of("'('", "'['", "'-'", "'not'", "'if'", "'true'", "'false'", "'choice'").contains(literal);
    }

    private static String word(Parser parser, int type) {
        if (type == Token.EOF) return "end of file";
        if (type == SnetLexer.ID) return "a name";
        if (type == SnetLexer.INT) return "an integer";
        if (type == SnetLexer.FLOAT) return "a number";
        if (type == SnetLexer.STRING) return "a string";
        String literal = parser.getVocabulary().getLiteralName(type);
        return literal == null ? parser.getVocabulary().getDisplayName(type) : "`" + literal.substring(1, literal.length() - 1) + "`";
    }
}
