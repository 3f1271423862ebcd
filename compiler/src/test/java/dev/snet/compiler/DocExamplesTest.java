package dev.snet.compiler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.diag.DiagnosticRenderer;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every `snet` example in docs/language.md checks cleanly; every `snet-error` example fails. */
class DocExamplesTest {
    private static final Path DOC = Path.of("../docs/language.md");
    private static final Pattern BLOCK = Pattern.compile("```(snet|snet-error)\\n(.*?)```", Pattern.DOTALL);

    @TestFactory
    Stream<DynamicTest> languageGuideExamples() throws IOException {
        String text = Files.readString(DOC);
        Matcher m = BLOCK.matcher(text);
        List<DynamicTest> tests = new ArrayList<>();
        while (m.find()) {
            boolean error = m.group(1).equals("snet-error");
            String code = m.group(2);
            int line = (int) text.substring(0, m.start()).lines().count() + 1;
            tests.add(DynamicTest.dynamicTest("language.md line " + line, () -> {
                Path path = Path.of("../docs/example-line-" + line + ".snet");
                Diagnostics d = new Diagnostics();
                Frontend.check(new SourceFile(path.toString(), code), path, Map.of(), d);
                String shown = String.join("\n", d.sorted().stream().map(new DiagnosticRenderer(false)::render).toList());
                if (error) assertTrue(d.hasErrors(), "the example should fail");
                else assertFalse(d.hasErrors(), shown);
            }));
        }
        assertTrue(tests.size() >= 10, "the guide has examples");
        return tests.stream();
    }
}
