package dev.snet.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SnetcCliTest {
    private static final String V2 = "../examples/models/shufflenet_v2.snet";

    @Test
    void helpForEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"check", "--help"}, {"summary", "--help"}, {"help", "summary"}}) {
            SnetcRunner.Outcome o = SnetcRunner.run(args);
            assertEquals(0, o.exit(), String.join(" ", args));
            assertTrue(o.out().contains("Usage: snetc"), o.out());
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, SnetcRunner.run().exit());
        assertEquals(2, SnetcRunner.run("compile-everything").exit());
        assertEquals(2, SnetcRunner.run("summary").exit());
        SnetcRunner.Outcome o = SnetcRunner.run("summary", V2, "--bogus");
        assertEquals(2, o.exit());
        assertTrue(o.err().contains("Unknown option"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void anInternalErrorIsOneLineAndItsTraceOnlyOnRequest() {
        java.io.StringWriter quiet = new java.io.StringWriter();
        assertEquals(3, Snetc.internalError(new java.io.PrintWriter(quiet), new IllegalStateException("boom"), false));
        if (!"1".equals(System.getenv("SNETC_DEBUG"))) {
            assertEquals("internal error: java.lang.IllegalStateException: boom (please report; --debug prints where it happened)\n", quiet.toString());
        }
        java.io.StringWriter loud = new java.io.StringWriter();
        assertEquals(3, Snetc.internalError(new java.io.PrintWriter(loud), new IllegalStateException("boom"), true));
        assertTrue(loud.toString().contains("\tat dev.snet.compiler.cli.SnetcCliTest"), loud.toString());
    }

    @Test
    void debugIsAcceptedAfterAnyCommand() {
        assertEquals(0, SnetcRunner.run("check", "--debug", V2).exit());
        assertEquals(0, SnetcRunner.run("--debug", "summary", V2).exit());
    }

    @Test
    void sourcesMustBeUtf8RootAndImportsAlike(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path lib = dir.resolve("lib.snet");
        java.nio.file.Files.write(lib, new byte[] {'#', ' ', (byte) 0xC3, '(', '\n'});
        java.nio.file.Path model = java.nio.file.Files.writeString(dir.resolve("m.snet"),
                "import \"lib.snet\"\nmodel M {\n  input x: [3, 8, 8]\n  return x |> global_avgpool |> flatten\n}\n");
        SnetcRunner.Outcome o = SnetcRunner.run("check", model.toString(), "--color=never");
        assertEquals(1, o.exit(), o.err());
        assertTrue(o.err().contains("cannot read imported file `lib.snet`") && o.err().contains("not UTF-8 text"), o.err());
        SnetcRunner.Outcome root = SnetcRunner.run("check", lib.toString());
        assertEquals(1, root.exit());
        assertTrue(root.err().endsWith(": not UTF-8 text\n"), root.err());
    }

    @Test
    void aFailedWriteToStandardOutputIsAnError() {
        java.io.OutputStream full = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException { throw new java.io.IOException("No space left on device"); }
        };
        for (String[] args : new String[][] {{"summary", V2, "--json"}, {"check", V2}, {"--help"}}) {
            java.io.StringWriter err = new java.io.StringWriter();
            int exit = Snetc.run(args, new java.io.PrintWriter(full, true), new java.io.PrintWriter(err, true));
            assertEquals(1, exit, String.join(" ", args));
            assertEquals("snetc: error writing standard output (disk full or pipe closed?)\n", err.toString());
        }
    }

    @Test
    void anOutputNamedLikeADirectoryIsAUsageError() {
        SnetcRunner.Outcome o = SnetcRunner.run("run", V2, "--random", "--output", "newdir/");
        assertEquals(2, o.exit());
        assertTrue(o.err().contains("'newdir/' names a directory"), o.err());
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("newdir")));
        assertEquals(2, SnetcRunner.run("graph", V2, "-o", "").exit());
    }

    @Test
    void hostileSourcesEndQuicklyWithOneLocatedError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        StringBuilder laughs = new StringBuilder("model M {\n  input x: [3, 8, 8]\n  let a0 = [1, 1]\n");
        for (int i = 0; i < 60; i++) laughs.append("  let a").append(i + 1).append(" = [a").append(i).append(", a").append(i).append("]\n");
        laughs.append("  x = x |> conv(a60)\n  return x |> global_avgpool |> flatten\n}\n");
        SnetcRunner.Outcome o = SnetcRunner.run("check", java.nio.file.Files.writeString(dir.resolve("laughs.snet"), laughs).toString(), "--color=never");
        assertEquals(1, o.exit(), o.err());
        assertTrue(o.err().contains("laughs.snet:18:13: error[SN0212]: this list holds 131,070 values"), o.err());
        assertTrue(o.err().length() < 10_000, "no megabytes of diagnostic");

        StringBuilder many = new StringBuilder("model M {\n  input x: [3, 8, 8]\n");
        for (int i = 0; i < 20_000; i++) many.append("  let a").append(i).append(" = undefined").append(i).append('\n');
        many.append("  return x |> global_avgpool |> flatten\n}\n");
        long start = System.nanoTime();
        o = SnetcRunner.run("check", java.nio.file.Files.writeString(dir.resolve("many.snet"), many).toString(), "--color=never");
        assertEquals(1, o.exit());
        assertEquals(100, o.err().split("error\\[SN0200]", -1).length - 1, "the first 100 shown");
        assertTrue(o.err().endsWith("(only the first 100 are shown; 19900 more omitted)\n20000 errors\n"), o.err().substring(o.err().length() - 200));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "linear, not quadratic");

        StringBuilder deep = new StringBuilder("model M {\n  input x: [3, 8, 8]\n  let a = ");
        deep.append("(".repeat(3000)).append('1').append(")".repeat(3000)).append("\n  x = x").append(" |> relu".repeat(5000));
        deep.append("\n  return x |> global_avgpool |> flatten\n}\n");
        o = SnetcRunner.run("check", java.nio.file.Files.writeString(dir.resolve("deep.snet"), deep).toString());
        assertEquals(0, o.exit(), o.err());
    }

    @Test
    void onlyRegularFilesAreRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path fifo = dir.resolve("fifo.snet");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        java.nio.file.Path importer = java.nio.file.Files.writeString(dir.resolve("m.snet"),
                "import \"/dev/zero\"\nimport \"fifo.snet\"\nmodel M {\n  input x: [3, 8, 8]\n  return x |> global_avgpool |> flatten\n}\n");
        for (String[] args : new String[][] {{"check", "/dev/urandom"}, {"check", fifo.toString()}, {"check", importer.toString(), "--color=never"},
                {"run", V2, "--random", "--weights", fifo.toString()}, {"run", V2, "--input", fifo.toString()}}) {
            SnetcRunner.Outcome o = SnetcRunner.run(args);
            assertEquals(1, o.exit(), String.join(" ", args) + ": " + o.err());
            assertTrue(o.err().contains("not a regular file (a device, FIFO or socket)"), o.err());
        }
        java.nio.file.Path pth = java.nio.file.Files.write(dir.resolve("w.pth"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});
        SnetcRunner.Outcome o = SnetcRunner.run("run", V2, "--random", "--weights", pth.toString());
        assertEquals(1, o.exit());
        assertTrue(o.err().contains("a PyTorch checkpoint") && o.err().contains("tools/pth_to_safetensors.py"), o.err());
    }

    @Test
    void controlCharactersInASourceNeverReachTheTerminal(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path evil = java.nio.file.Files.writeString(dir.resolve("evil.snet"),
                "model M {\n  input x: [3, 8, 8]\n  x = x |> \u001b[31mrelu\n  return x |> global_avgpool |> flatten\n}\n");
        SnetcRunner.Outcome o = SnetcRunner.run("check", evil.toString(), "--color=never");
        assertEquals(1, o.exit());
        assertFalse(o.err().contains("\u001b"), o.err());
        assertTrue(o.err().contains("x = x |> \u241b[31mrelu"), o.err());
    }

    @Test
    void oddNamesAreRefusedOrMangledUpFront(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path underscore = java.nio.file.Files.writeString(dir.resolve("u.snet"),
                "model _ {\n  input x: [3, 8, 8]\n  return x |> global_avgpool |> flatten\n}\n");
        SnetcRunner.Outcome o = SnetcRunner.run("compile", underscore.toString(), "--sources-only", "-o", dir.resolve("out").toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(java.nio.file.Files.exists(dir.resolve("out/snet/models/Model_.java")));
        java.nio.file.Path label = java.nio.file.Files.writeString(dir.resolve("l.snet"),
                "model M {\n  input x: [3, 8, 8]\n  x = x |> " + "a".repeat(70_000) + ": conv(4)\n  return x |> global_avgpool |> flatten\n}\n");
        o = SnetcRunner.run("check", label.toString(), "--color=never");
        assertEquals(1, o.exit());
        assertTrue(o.err().contains("l.snet:3:12: error[SN0100]: a name of 70000 characters; names are at most 255"), o.err());
        assertTrue(o.err().length() < 2_000, "the excerpt shows a window of the line");
        for (String[] bad : new String[][] {{"--package", "java.lang"}, {"--package", "javax.swing"}, {"--class", "Object"}, {"--class", "a.B"}}) {
            o = SnetcRunner.run("compile", underscore.toString(), bad[0], bad[1], "-o", dir.resolve("bad").toString());
            assertEquals(2, o.exit(), String.join(" ", bad) + ": " + o.err());
            assertFalse(java.nio.file.Files.exists(dir.resolve("bad")), "checked before anything is written");
        }
    }

    @Test
    void optionsThatCannotMeanAnythingAreUsageErrors() {
        String[][] cases = {
            {"run", V2, "--input", "no.png", "--std", "0,0,0"},
            {"run", V2, "--input", "no.png", "--mean", "NaN,0,0"},
            {"run", V2, "--input", "no.png", "--resize", "-5"},
            {"run", V2, "--input", "no.png", "--mean", "0.5,0.5,0.5", "--std", "1,1"},
            {"run", V2, "--input", "no.png", "--batch", "4"},
            {"run", V2, "--random", "--batch", ","},
            {"bench", V2, "--warmup", "NaN"},
            {"compile", V2, "--json", "-o", "target/never"},
            {"compile", V2, "--jar", "--sources-only", "-o", "target/never"},
        };
        for (String[] args : cases) {
            SnetcRunner.Outcome o = SnetcRunner.run(args);
            assertEquals(2, o.exit(), String.join(" ", args) + ": " + o.err());
            assertFalse(o.err().contains("Exception"), o.err());
        }
    }

    @Test
    void jsonErrorFormatCoversFileAndWeightErrors() {
        SnetcRunner.Outcome o = SnetcRunner.run("run", V2, "--random", "--weights", "no/such.safetensors", "--error-format=json");
        assertEquals(1, o.exit());
        assertTrue(o.err().startsWith("[{\"severity\": \"error\", \"code\": null, \"message\": \"no/such.safetensors: no such file\""), o.err());
        assertEquals(1, o.err().lines().count(), "one JSON line, no empty array before it");
        o = SnetcRunner.run("check", "no/such.snet", "--error-format=json");
        assertTrue(o.err().startsWith("[{\"severity\": \"error\""), o.err());
    }

    @Test
    void sizesTheJvmCannotHoldAreLocatedErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String[][] cases = {
            {"input x: [3, 100000, 100000]\n  return x |> global_avgpool |> flatten", "2:3", "output holds 30,000,000,000 values"},
            {"input x: [3, 224, 224]\n  x = x |> conv(1000000)\n  return x |> global_avgpool |> flatten", "3:12", "output holds 50,176,000,000 values"},
            {"input x: [64, 32, 32]\n  return x |> flatten |> fc(100000)", "3:26", "weights hold 6,553,600,000 values"},
        };
        for (String[] c : cases) {
            java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("big.snet"), "model Big {\n  " + c[0] + "\n}\n");
            for (String command : new String[] {"summary", "check"}) {
                SnetcRunner.Outcome o = SnetcRunner.run(command, f.toString(), "--color=never");
                assertEquals(1, o.exit(), c[0] + ": " + o.err());
                assertTrue(o.err().contains("big.snet:" + c[1] + ": error[SN0212]: this layer's " + c[2]), o.err());
            }
        }
    }

    @Test
    void aThousandUnitsCompileAndRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String units = "block unit() {\n  return in |> conv1: conv(8, 3) |> bn1: bn |> relu\n}\nmodel L {\n  input x: [8, 8, 8]\n"
                + "  s: repeat N as i {\n    x = x |> unit()\n  }\n  return x |> global_avgpool |> flatten\n}\n";
        java.nio.file.Path thousand = java.nio.file.Files.writeString(dir.resolve("l1000.snet"), units.replace("N", "1000"));
        SnetcRunner.Outcome o = SnetcRunner.run("compile", thousand.toString(), "-o", dir.resolve("out").toString());
        assertEquals(0, o.exit(), o.err());
        o = SnetcRunner.run("run", thousand.toString(), "--random", "--top", "1");
        assertEquals(0, o.exit(), o.err());
        // Ten thousand plan in well under a second (the planner is near-linear); javac's class-file limits then say no, in one line.
        java.nio.file.Path tenThousand = java.nio.file.Files.writeString(dir.resolve("l10000.snet"), units.replace("N", "10000"));
        o = SnetcRunner.run("compile", tenThousand.toString(), "-o", dir.resolve("out2").toString());
        assertEquals(1, o.exit(), o.err());
        assertTrue(o.err().startsWith("error: the model is too large for one Java class"), o.err());
        assertFalse(java.nio.file.Files.exists(dir.resolve("out2/snet")), "nothing partial left");
    }

    @Test
    void missingFileIsOneLine() {
        SnetcRunner.Outcome o = SnetcRunner.run("check", "no/such/model.snet");
        assertEquals(1, o.exit());
        assertEquals("error: cannot read no/such/model.snet: no such file\n", o.err());
    }

    @Test
    void checkReportsOk() {
        SnetcRunner.Outcome o = SnetcRunner.run("check", V2, "../examples/models/lib/shufflenet_blocks.snet");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("shufflenet_v2.snet: ok"));
        assertTrue(o.out().contains("shufflenet_blocks.snet: ok"));
    }

    @Test
    void summaryJsonHasTheDocumentedShape() {
        SnetcRunner.Outcome o = SnetcRunner.run("summary", V2, "--json", "--flops", "-P", "width=0.5");
        assertEquals(0, o.exit(), o.err());
        String json = o.out();
        assertTrue(json.startsWith("{\"model\": \"ShuffleNetV2\""), json.substring(0, 80));
        assertTrue(json.contains("\"input\": [3, 224, 224]"));
        assertTrue(json.contains("{\"name\": \"stage2.0.branch2.3\", \"op\": \"conv 3x3/2 g24\", \"shape\": [24, 28, 28], \"params\": 216, \"macs\": 169344, \"flops\": 338688}"), json);
        assertTrue(json.contains("\"total\": {\"params\": 1366792, \"macs\": 40476448, \"flops\": 80952896}"));
    }

    @Test
    void summaryTextShowsFlopsWhenAsked() {
        SnetcRunner.Outcome o = SnetcRunner.run("summary", V2, "--flops");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("2,278,604 parameters, 144.91 M MACs (289.82 M FLOPs)"), o.out());
    }

    @Test
    void jsonDiagnostics() {
        SnetcRunner.Outcome o = SnetcRunner.run("check", "src/test/resources/diagnostics/unknown_name.snet", "--error-format=json");
        assertEquals(1, o.exit());
        assertTrue(o.err().startsWith("[{\"severity\": \"error\", \"code\": \"SN0200\", \"message\": \"unknown name `widht`\", \"span\": "
                + "{\"file\": \"src/test/resources/diagnostics/unknown_name.snet\", \"line\": 3, \"column\": 29, \"end_line\": 3, \"end_column\": 34,"), o.err());
        assertTrue(o.err().contains("\"help\": \"did you mean `width`?\""));
    }

    @Test
    void colourOnlyWhenAsked() {
        String plain = SnetcRunner.run("check", "src/test/resources/diagnostics/unknown_name.snet").err();
        String coloured = SnetcRunner.run("check", "src/test/resources/diagnostics/unknown_name.snet", "--color=always").err();
        assertFalse(plain.contains("\u001b["));
        assertTrue(coloured.contains("\u001b[31;1merror[SN0200]"));
    }

    @Test
    void searchSpaceSummary() {
        String space = "../examples/models/search/shufflenet_v2_space.snet";
        SnetcRunner.Outcome o = SnetcRunner.run("summary", space);
        assertEquals(0, o.exit(), o.err());
        // 3 widths x (2^2 + 2^4) x (2^4 + 2^6 + 2^8) x (2^2 + 2^4) kernel assignments
        assertTrue(o.out().contains("search space: 403,200 models"), o.out());
        SnetcRunner.Outcome one = SnetcRunner.run("summary", space, "-P", "width=1.5", "-P", "depth3=6", "-P", "stage3.5.kernel=5", "--json");
        assertEquals(0, one.exit(), one.err());
        assertTrue(one.out().contains("\"name\": \"stage3.5.branch2.3\", \"op\": \"conv 5x5 g174\""), one.out());
        SnetcRunner.Outcome concrete = SnetcRunner.run("check", "--concrete", space, "-P", "width=1.0");
        assertEquals(1, concrete.exit());
        assertTrue(concrete.err().contains("error[SN0210]: choice `depth2` has no value"), concrete.err());
    }
}
