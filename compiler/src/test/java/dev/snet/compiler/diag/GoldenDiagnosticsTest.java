package dev.snet.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.Golden;
import dev.snet.compiler.cli.SnetcRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each erroneous file under src/test/resources/diagnostics sits beside its exact expected output
 * ({@code NAME.err}: the exit code, then what snetc prints on stderr). A first line
 * {@code # snetc: COMMAND ARGS} chooses the command (default {@code check}).
 * Run with {@code -Dsnet.golden.update=true} to rewrite the expected files after a deliberate change.
 */
class GoldenDiagnosticsTest {
    static final Path DIR = Path.of("src/test/resources/diagnostics");
    private static final Pattern COMMAND = Pattern.compile("^# snetc: (.*)$", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("(?:error|warning)\\[(SN\\d{4})]");

    @TestFactory
    Stream<DynamicTest> everyFileMatchesItsExpectedOutput() throws IOException {
        return files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    @Test
    void theFilesCoverEveryCode() throws IOException {
        Set<Code> seen = EnumSet.noneOf(Code.class);
        for (Path f : files()) {
            Matcher m = CODE.matcher(run(f));
            while (m.find()) seen.add(Code.valueOf(m.group(1)));
        }
        Set<Code> missing = EnumSet.allOf(Code.class);
        missing.removeAll(seen);
        assertTrue(missing.isEmpty(), "codes without a golden test: " + missing);
        assertTrue(files().size() >= 25, "at least 25 golden files");
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".snet")).sorted().toList();
        }
    }

    private static String run(Path file) throws IOException {
        String text = Files.readString(file);
        Matcher m = COMMAND.matcher(text);
        List<String> args = new ArrayList<>();
        if (m.find() && m.start() == 0) {
            List<String> words = Arrays.asList(m.group(1).trim().split("\\s+"));
            args.add(words.get(0));
            args.add(file.toString());
            args.addAll(words.subList(1, words.size()));
        } else {
            args.add("check");
            args.add(file.toString());
        }
        args.add("--color=never");
        SnetcRunner.Outcome o = SnetcRunner.run(args.toArray(String[]::new));
        return "exit: " + o.exit() + "\n" + o.err();
    }

    private static void check(Path file) throws IOException {
        String actual = run(file);
        assertFalse(actual.contains("Exception"), "no stack trace");
        assertFalse(actual.contains("internal error"), "no internal error");
        Path expected = file.resolveSibling(file.getFileName().toString().replace(".snet", ".err"));
        Golden.assertMatches(expected, actual, "output for " + file);
    }
}
