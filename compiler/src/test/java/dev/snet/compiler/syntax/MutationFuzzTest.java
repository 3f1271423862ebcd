package dev.snet.compiler.syntax;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.snet.compiler.Frontend;
import dev.snet.compiler.analysis.Summary;
import dev.snet.compiler.diag.DiagnosticJson;
import dev.snet.compiler.diag.DiagnosticRenderer;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.source.SourceFile;
import dev.snet.grammar.SnetLexer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

/**
 * Random token mutations and truncations of every example: whatever the text, the front end
 * answers with diagnostics or a graph, never an exception. Deterministic (fixed seed), so a
 * failure reproduces; the failing text is printed.
 */
class MutationFuzzTest {
    /** 10,000 in CI; the long run is opt-in: {@code ./mvnw -pl compiler test -Dtest=MutationFuzzTest -Dsnet.fuzz.cases=100000}. */
    private static final int CASES = Integer.getInteger("snet.fuzz.cases", 10_000);
    private static final String[] EXTRA = {"(", ")", "[", "]", "{", "}", ",", ":", "=", "|>", "//", "/", "-", "*", "0", "1", "-1",
            "99999999999999999999", "2.5", "1e400", "\"x\"", "in", "x", "c", "i", "repeat", "if", "then", "else", "let", "return",
            "input", "choice", "seq", "model", "block", "import", "conv", "split", "concat", "add", "shuffle", "fc", "flatten",
            "stride=", "groups=", "\n", ".c", ".h"};

    @Test
    void mutatedExamplesNeverThrow() throws IOException {
        List<Path> seeds = seeds();
        assertTrue(seeds.size() >= 5, "examples to mutate");
        List<String> texts = new ArrayList<>();
        for (Path p : seeds) texts.add(Files.readString(p));
        SplittableRandom random = new SplittableRandom(20261128);
        int parsed = 0;
        int graphs = 0;
        for (int n = 0; n < CASES; n++) {
            int which = random.nextInt(seeds.size());
            String mutated = mutate(texts.get(which), random);
            try {
                Reached reached = runFrontEnd(mutated, seeds.get(which));
                if (reached != Reached.PARSER) parsed++;
                if (reached == Reached.GRAPH) graphs++;
            } catch (Throwable t) {
                fail("case " + n + " of " + seeds.get(which) + " threw " + t + "\n--- text ---\n" + mutated, t);
            }
        }
        // The mutations must reach semantic analysis often, not only the parser.
        assertTrue(parsed > CASES / 5, parsed + " of " + CASES + " mutations parsed");
        assertTrue(graphs > CASES / 50, graphs + " of " + CASES + " mutations gave a graph");
    }

    /** How far a text got: stopped by the parser, stopped by semantic analysis, or a whole graph. */
    enum Reached { PARSER, SEMA, GRAPH }

    static Reached runFrontEnd(String text, Path path) {
        Diagnostics d = new Diagnostics();
        SourceFile file = new SourceFile(path.toString(), text);
        Optional<Frontend.Checked> checked = Frontend.elaborate(file, path, Map.of(), d);
        DiagnosticRenderer renderer = new DiagnosticRenderer(false);
        d.sorted().forEach(renderer::render);
        DiagnosticJson.render(d.sorted());
        checked.flatMap(Frontend.Checked::graph).ifPresent(g -> Summary.of(g, checked.get().result().choices(), null).toText(true));
        if (checked.flatMap(Frontend.Checked::graph).isPresent()) return Reached.GRAPH;
        return d.sorted().stream().anyMatch(x -> x.code() == dev.snet.compiler.diag.Code.SN0100) ? Reached.PARSER : Reached.SEMA;
    }

    /**
     * One to three edits. Half are structural (delete, duplicate, swap, insert a token, truncate),
     * which mostly exercise the parser; half keep the syntax (another number, another name from the
     * same file), which reach semantic analysis and shape inference.
     */
    static String mutate(String text, SplittableRandom random) {
        List<Token> tokens = new ArrayList<>();
        SnetLexer lexer = new SnetLexer(CharStreams.fromString(text));
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) tokens.add(t);
        List<String> words = new ArrayList<>(tokens.stream().map(Token::getText).toList());
        List<String> names = tokens.stream().filter(t -> t.getType() == SnetLexer.ID).map(Token::getText).distinct().toList();
        List<Integer> numbers = new ArrayList<>();
        List<Integer> identifiers = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).getType() == SnetLexer.INT || tokens.get(i).getType() == SnetLexer.FLOAT) numbers.add(i);
            if (tokens.get(i).getType() == SnetLexer.ID) identifiers.add(i);
        }
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !words.isEmpty(); e++) {
            int at = random.nextInt(words.size());
            switch (random.nextInt(10)) {
                case 0 -> words.remove(at);
                case 1 -> words.add(at, words.get(random.nextInt(words.size())));
                case 2 -> words.set(at, EXTRA[random.nextInt(EXTRA.length)]);
                case 3 -> words.add(at, EXTRA[random.nextInt(EXTRA.length)]);
                case 4 -> {
                    if (random.nextBoolean()) {
                        String joined = String.join(" ", words);
                        return joined.substring(0, random.nextInt(joined.length() + 1));
                    }
                    int other = random.nextInt(words.size());
                    String t = words.get(at);
                    words.set(at, words.get(other));
                    words.set(other, t);
                }
                case 5, 6, 7 -> {
                    if (numbers.isEmpty() || words.size() != tokens.size()) continue;
                    int i = numbers.get(random.nextInt(numbers.size()));
                    words.set(i, random.nextBoolean() ? Integer.toString(random.nextInt(6))
                            : Long.toString(Math.max(0, parse(words.get(i)) + random.nextInt(-2, 3))));
                }
                default -> {
                    if (identifiers.isEmpty() || words.size() != tokens.size()) continue;
                    words.set(identifiers.get(random.nextInt(identifiers.size())), names.get(random.nextInt(names.size())));
                }
            }
        }
        return String.join(" ", words);
    }

    private static long parse(String number) {
        try {
            return (long) Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static List<Path> seeds() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("../examples/models"), Path.of("src/test/resources/diagnostics"))) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> p.toString().endsWith(".snet")).sorted().forEach(out::add);
            }
        }
        return out;
    }
}
