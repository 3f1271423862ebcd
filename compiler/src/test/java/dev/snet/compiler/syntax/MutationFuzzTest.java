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
    private static final int CASES = 10_000;
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
        for (int n = 0; n < CASES; n++) {
            int which = random.nextInt(seeds.size());
            String mutated = mutate(texts.get(which), random);
            try {
                runFrontEnd(mutated, seeds.get(which));
            } catch (Throwable t) {
                fail("case " + n + " of " + seeds.get(which) + " threw " + t + "\n--- text ---\n" + mutated, t);
            }
        }
    }

    static void runFrontEnd(String text, Path path) {
        Diagnostics d = new Diagnostics();
        SourceFile file = new SourceFile(path.toString(), text);
        Optional<Frontend.Checked> checked = Frontend.elaborate(file, path, Map.of(), d);
        DiagnosticRenderer renderer = new DiagnosticRenderer(false);
        d.sorted().forEach(renderer::render);
        DiagnosticJson.render(d.sorted());
        checked.flatMap(Frontend.Checked::graph).ifPresent(g -> Summary.of(g, checked.get().result().choices(), null).toText(true));
    }

    static String mutate(String text, SplittableRandom random) {
        List<Token> tokens = new ArrayList<>();
        SnetLexer lexer = new SnetLexer(CharStreams.fromString(text));
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) tokens.add(t);
        List<String> words = new ArrayList<>(tokens.stream().map(Token::getText).toList());
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !words.isEmpty(); e++) {
            int at = random.nextInt(words.size());
            switch (random.nextInt(6)) {
                case 0 -> words.remove(at);
                case 1 -> words.add(at, words.get(random.nextInt(words.size())));
                case 2 -> words.set(at, EXTRA[random.nextInt(EXTRA.length)]);
                case 3 -> words.add(at, EXTRA[random.nextInt(EXTRA.length)]);
                case 4 -> {
                    int other = random.nextInt(words.size());
                    String t = words.get(at);
                    words.set(at, words.get(other));
                    words.set(other, t);
                }
                default -> {
                    return String.join(" ", words).substring(0, random.nextInt(String.join(" ", words).length() + 1));
                }
            }
        }
        return String.join(" ", words);
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
