package dev.snet.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A corpus of hostile, extreme and odd inputs, generated here rather than committed: deep nesting,
 * exponential values, thousands of errors, special files, sizes past the JVM's arrays, odd names,
 * bad outputs, images and weights that are not what they claim, meaningless options. Every case
 * ends within 10 s with exit 1 or 2 and a first line that says where (file:line:col, or the file or
 * option); none is an internal error, none prints a stack trace, and /dev/null is still a device.
 */
class HostileInputTest {
    private static final Pattern LOCATED = Pattern.compile(
            "^(\\S+:\\d+:\\d+: error\\[SN\\d{4}]: .+|error: .*\\S+.*|snetc( \\w+)?: .+|\\[\\{\"severity\": \"error\".*)$");
    private static final String V2 = "../examples/models/shufflenet_v2.snet";
    private static final String CIFAR = "../examples/models/cifar_shufflenet.snet";
    private static Path dir;

    record Case(String family, String name, String[] args) {}

    @BeforeAll
    static void workspace() throws IOException {
        dir = Files.createTempDirectory("snet-hostile-");
    }

    @AfterAll
    static void devNullIsStillADevice() throws IOException {
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still a device");
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyHostileInputEndsCleanly() throws Exception {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 200, cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.family() + ": " + c.name(), () -> check(c)));
    }

    private static void check(Case c) {
        SnetcRunner.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SnetcRunner.run(c.args()));
        String first = o.err().lines().findFirst().orElse("");
        assertTrue(o.exit() == 1 || o.exit() == 2, c.name() + ": exit " + o.exit() + "\n" + o.err());
        assertFalse(o.err().contains("internal error") || o.err().contains("Exception") || o.err().contains("\tat "), c.name() + ":\n" + o.err());
        assertTrue(LOCATED.matcher(first).matches(), c.name() + ": first line `" + first + "`");
        assertTrue(o.err().length() < 200_000, c.name() + ": " + o.err().length() + " characters of diagnostics");
    }

    private static Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Path model(String name, String body) throws IOException {
        return file(name, "model M {\n  input x: [3, 16, 16]\n" + body + "\n  return x |> global_avgpool |> flatten\n}\n");
    }

    private static String[] a(Object... parts) {
        return Stream.of(parts).map(String::valueOf).toArray(String[]::new);
    }

    static List<Case> cases() throws Exception {
        List<Case> out = new ArrayList<>();
        nesting(out);
        values(out);
        errors(out);
        specialFiles(out);
        sizes(out);
        names(out);
        outputs(out);
        usage(out);
        images(out);
        weights(out);
        return out;
    }

    /** Deep nesting of every kind, each ending in a mistake at the bottom that must still be found and located. */
    private static void nesting(List<Case> out) throws IOException {
        for (int depth : new int[] {100, 3_000, 10_000, 50_000}) {
            String[][] kinds = {
                {"parens", "  let a = " + "(".repeat(depth) + "nope" + ")".repeat(depth)},
                {"lists", "  let a = " + "[".repeat(depth) + "nope" + "]".repeat(depth)},
                {"not", "  let a = " + "not ".repeat(depth) + "nope"},
                {"minus", "  let a = " + "-".repeat(depth) + "nope"},
                {"if-then", "  let a = " + "if true then ".repeat(depth) + "nope" + " else 1".repeat(depth)},
                {"pipes", "  x = x" + " |> relu".repeat(depth) + " |> nope"},
                {"plus", "  let a = 1" + " + 1".repeat(depth) + " + nope"},
                {"if-blocks", "  if true {\n".repeat(Math.min(depth, 10_000)) + "  x = x |> nope\n" + "  }\n".repeat(Math.min(depth, 10_000))},
            };
            for (String[] k : kinds) {
                Path f = model("nest_" + k[0] + "_" + depth + ".snet", k[1]);
                out.add(new Case("nesting", k[0] + " " + depth, a("check", f)));
            }
            StringBuilder blocks = new StringBuilder();
            int n = Math.min(depth, 10_000);
            for (int i = 0; i < n; i++) blocks.append("block b").append(i).append("() { return in |> b").append(i + 1).append(" }\n");
            blocks.append("block b").append(n).append("() { return in |> nope }\n");
            Path f = file("nest_blocks_" + depth + ".snet", blocks + "model M {\n  input x: [3, 8, 8]\n  return x |> b0 |> global_avgpool |> flatten\n}\n");
            out.add(new Case("nesting", "blocks " + n, a("check", f)));
        }
        Path huge = model("nest_huge.snet", "  let a = " + "not ".repeat(2_000_000) + "true");
        out.add(new Case("nesting", "two million nots", a("check", huge)));
    }

    /** Lists that double by sharing ("billion laughs"), and long literal lists. */
    private static void values(List<Case> out) throws IOException {
        for (int levels : new int[] {17, 18, 20, 22, 25, 30, 40, 50, 60, 63}) {
            StringBuilder b = new StringBuilder("  let a0 = [1, 1]\n");
            for (int i = 0; i < levels; i++) b.append("  let a").append(i + 1).append(" = [a").append(i).append(", a").append(i).append("]\n");
            out.add(new Case("values", "laughs " + levels, a("check", model("laughs_" + levels + ".snet", b + "  x = x |> conv(a" + levels + ")"))));
            out.add(new Case("values", "laughs " + levels + " compared", a("check", model("laughs_eq_" + levels + ".snet",
                    b + "  let same = a" + levels + " == a" + levels + "\n  x = x |> conv(if same then [1] else 2)"))));
        }
        for (int n : new int[] {100_001, 300_000}) {
            String list = "[" + "1, ".repeat(n - 1) + "1]";
            out.add(new Case("values", "flat list " + n, a("check", model("list_" + n + ".snet", "  x = x |> conv(" + list + ")"))));
        }
    }

    /** Thousands of mistakes: reported up to the cap, counted, in linear time. */
    private static void errors(List<Case> out) throws IOException {
        for (int n : new int[] {101, 1_000, 5_000, 20_000}) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) b.append("  let a").append(i).append(" = undefined").append(i).append('\n');
            out.add(new Case("errors", n + " undefined names", a("check", model("undef_" + n + ".snet", b.toString()))));
            StringBuilder c = new StringBuilder();
            for (int i = 0; i < n; i++) c.append("  x = x |> nosuch").append(i).append('\n');
            out.add(new Case("errors", n + " unknown ops", a("check", model("unknown_" + n + ".snet", c.toString()))));
            out.add(new Case("errors", n + " syntax errors", a("check", model("syntax_" + n + ".snet", "  let = ) ]\n".repeat(n)))));
        }
        for (String garbage : new String[] {"\u0000\u0001\u0002", "model", "model M {", "}}}}", "block", "import", "import \"", "\"unterminated",
                "model M { input x: [3] return x }", "model M {\n  input x: [3, 8, 8]\n}\n", "model M {\n  return x\n}\n", "\u001b[31mred",
                "model M {\n  input x: [0, 8, 8]\n  return x\n}\n", "model M {\n  input x: [-3, 8, 8]\n  return x\n}\n",
                "model M {\n  input x: [3, 8, 8]\n  return x |> conv(4, 100, pad=0)\n}\n", "model M {\n  input x: [3, 8, 8]\n  return x |> shuffle(2)\n}\n",
                "model M {\n  input x: [3, 8, 8]\n  return x |> conv(4, groups=0)\n}\n", "model M {\n  input x: [3, 8, 8]\n  return x |> fc(0)\n}\n",
                "model M {\n  input x: [3, 8, 8]\n  return x |> avgpool(9)\n}\n"}) {
            out.add(new Case("errors", "garbage `" + garbage.replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?") + "`",
                    a("check", file("garbage_" + out.size() + ".snet", garbage))));
        }
    }

    /** Devices, FIFOs, directories, missing and unreadable files, as sources, imports, weights and inputs. */
    private static void specialFiles(List<Case> out) throws Exception {
        Path fifo = dir.resolve("fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        Path nonUtf8 = Files.write(dir.resolve("latin1.snet"), new byte[] {'#', ' ', (byte) 0xE9, '\n'});
        Path big = dir.resolve("big.snet");
        Files.write(big, new byte[9 << 20]);
        Path nul = Files.write(dir.resolve("nul_import.snet"), ("import \"a\u0000b\"\n").getBytes(StandardCharsets.UTF_8));
        Path directory = Files.createDirectories(dir.resolve("a_directory.snet"));
        for (String p : new String[] {"/dev/zero", "/dev/urandom", "/dev/null", fifo.toString(), nonUtf8.toString(), big.toString(),
                directory.toString(), "no/such/file.snet", nul.toString()}) {
            out.add(new Case("files", "source " + p, a("check", p)));
            out.add(new Case("files", "import " + p, a("check", file("imports_" + out.size() + ".snet",
                    "import \"" + p.replace("\u0000", "") + "\"\nmodel M {\n  input x: [3, 8, 8]\n  return x |> global_avgpool |> flatten\n}\n"))));
            out.add(new Case("files", "weights " + p, a("run", CIFAR, "--random", "--weights", p)));
            out.add(new Case("files", "input " + p, a("run", CIFAR, "--input", p)));
            if (!p.equals(big.toString()) && !p.equals(nul.toString())) {  // those two are regular files: fine as labels
                out.add(new Case("files", "labels " + p, a("run", CIFAR, "--random", "--labels", p, "--top", "1")));
            }
        }
    }

    /** Tensors, weights and totals past what Java arrays hold; dimensions past the language's limits. */
    private static void sizes(List<Case> out) throws IOException {
        String[] bodies = {
            "input x: [3, 100000, 100000]", "input x: [3, 2000000, 2]", "input x: [100000000, 1, 1]", "input x: [3, 8192, 8193]",
            "input x: [3, 224, 224]\n  x = x |> conv(1000000)", "input x: [3, 224, 224]\n  x = x |> conv(2000)", "input x: [64, 32, 32]\n  x = x |> flatten |> fc(100000)",
            "input x: [3, 4096, 4096]\n  x = x |> conv(64, 3)", "input x: [1024, 64, 64]\n  x = x |> conv(2048, 15, pad=7)",
            "input x: [3, 8, 8]\n  x = x |> conv(99999999999)", "input x: [3, 8, 8]\n  x = x |> conv(4, 99999999)", "input x: [3, 8, 8]\n  x = x |> fc(2147483648)",
            "input x: [3, 8, 8]\n  x = x |> conv(8, stride=0)", "input x: [3, 8, 8]\n  x = x |> conv(8, pad=-1)", "input x: [3, 8, 8]\n  x = x |> maxpool(3, stride=-2)",
            "input x: [3, 8, 8]\n  x = x |> conv(-8)", "input x: [3, 8, 8]\n  x = x |> shuffle(0)", "input x: [3, 8, 8]\n  a, b = split(x, 0)",
            "input x: [3, 8, 8]\n  x = x |> conv(8, groups=99999999999)", "input x: [3, 1, 1]\n  x = x |> avgpool(3, pad=0)",
        };
        for (int i = 0; i < bodies.length; i++) {
            Path f = file("size_" + i + ".snet", "model Big {\n  " + bodies[i] + "\n  return x |> global_avgpool |> flatten\n}\n");
            for (String command : new String[] {"check", "summary"}) out.add(new Case("sizes", command + " " + bodies[i].replace('\n', ' '), a(command, f)));
            out.add(new Case("sizes", "run " + bodies[i].replace('\n', ' '), a("run", f, "--random", "--top", "1")));
        }
        for (String p : new String[] {"width=1e308", "width=-1", "width=0", "width=NaN", "width=abc", "classes=0", "classes=99999999999", "nosuch=1", "width"}) {
            out.add(new Case("sizes", "-P " + p, a("summary", V2, "-P", p)));
        }
    }

    /** Names a Java class cannot take, labels as long as a file, packages of the JDK. */
    private static void names(List<Case> out) throws IOException {
        for (int length : new int[] {256, 1_000, 70_000}) {
            Path f = model("label_" + length + ".snet", "  x = x |> " + "a".repeat(length) + ": conv(4)");
            out.add(new Case("names", "label of " + length, a("check", f)));
            out.add(new Case("names", "model name of " + length, a("check", file("modelname_" + length + ".snet",
                    "model " + "M".repeat(length) + " {\n  input x: [3, 8, 8]\n  return x |> global_avgpool |> flatten\n}\n"))));
        }
        for (String[] o : new String[][] {{"--package", "java.lang"}, {"--package", "java"}, {"--package", "javax.swing"}, {"--package", "1abc"},
                {"--package", "a..b"}, {"--package", "class"}, {"--package", ""}, {"--class", "Object"}, {"--class", "String"}, {"--class", "1A"},
                {"--class", "a.B"}, {"--class", "_"}, {"--class", "enum"}, {"--class", ""}}) {
            out.add(new Case("names", o[0] + " `" + o[1] + "`", a("compile", CIFAR, o[0], o[1], "-o", dir.resolve("never"))));
        }
    }

    /** Outputs that cannot be written: checked before any work. */
    private static void outputs(List<Case> out) throws IOException {
        Path loop = dir.resolve("loop.npy");
        if (!Files.exists(loop, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(loop, loop);
        for (String o : new String[] {"newdir/", "no/such/dir/y.npy", dir.toString(), "/proc/version/y.npy"}) {
            out.add(new Case("outputs", "run --output " + o, a("run", CIFAR, "--random", "--top", "0", "--output", o)));
            boolean named = o.endsWith("/") || o.equals(dir.toString());  // a directory, named as such or as it is
            out.add(new Case("outputs", "graph -o " + o, a("graph", CIFAR, "-o", named ? o : o + ".dot")));
            out.add(new Case("outputs", "export -o " + o, a("export", "--format", "pytorch", CIFAR, "-o", o)));
            out.add(new Case("outputs", "compile --svg " + o, a("compile", CIFAR, "--svg", named ? o : o + ".svg", "-o", dir.resolve("c"))));
        }
        out.add(new Case("outputs", "run --output to a link to itself", a("run", CIFAR, "--random", "--top", "0", "--output", loop)));
        out.add(new Case("outputs", "graph to .pdf", a("graph", CIFAR, "-o", dir.resolve("g.pdf"))));
        out.add(new Case("outputs", "compile --svg .png", a("compile", CIFAR, "--svg", dir.resolve("p.png"), "-o", dir.resolve("c"))));
    }

    /** Options that cannot mean anything. */
    private static void usage(List<Case> out) {
        String[][] cases = {
            {"run", CIFAR, "--random", "--std", "0,0,0"}, {"run", CIFAR, "--random", "--std", "-1,1,1"}, {"run", CIFAR, "--random", "--std", "NaN,1,1"},
            {"run", CIFAR, "--random", "--mean", "NaN,0,0"}, {"run", CIFAR, "--random", "--mean", "Infinity,0,0"}, {"run", CIFAR, "--random", "--resize", "-5"},
            {"run", CIFAR, "--random", "--top", "-1"}, {"run", CIFAR, "--random", "--batch", ","}, {"run", CIFAR, "--random", "--batch", "0"},
            {"run", CIFAR, "--random", "--batch", "99999"}, {"run", CIFAR, "--random", "--threads", "0"}, {"run", CIFAR, "--random", "--threads", "-3"},
            {"run", CIFAR, "--random", "--mean", "0.5,0.5,0.5", "--std", "1,1"}, {"run", CIFAR, "--input", "x.png", "--batch", "4"},
            {"run", CIFAR}, {"run", CIFAR, "--random", "--input", "x.npy"}, {"run", CIFAR, "--random", "--seed", "x"},
            {"bench", CIFAR, "--warmup", "NaN"}, {"bench", CIFAR, "--warmup", "-1"}, {"bench", CIFAR, "--iterations", "0"}, {"bench", CIFAR, "--batch", "0"},
            {"compile", CIFAR, "--json", "-o", "never"}, {"compile", CIFAR, "--jar", "--sources-only", "-o", "never"}, {"compile", CIFAR},
            {"compile", CIFAR, "--dump-ir=after:nosuch", "-o", "never"}, {"graph", CIFAR, "-O0", "-O2", "-o", "g.dot"}, {"export", CIFAR, "-o", "m.py"},
            {"export", "--format", "onnx", CIFAR, "-o", "m.py"}, {"summary"}, {"check"}, {"frobnicate"}, {"check", V2, "--error-format=xml"},
            {"check", V2, "--color=purple"}, {"summary", V2, "-P"},
        };
        for (String[] c : cases) out.add(new Case("usage", String.join(" ", c).replace("../examples/models/", ""), c));
    }

    /** Files that claim to be images and are not, or are too large to decode. */
    private static void images(List<Case> out) throws IOException {
        byte[] pngHeader = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        byte[] huge = Files.readAllBytes(Path.of("../runtime/src/test/resources/images/gray.png"));
        java.nio.ByteBuffer.wrap(huge, 16, 8).putInt(30_000).putInt(30_000);
        byte[] truncatedJpeg = java.util.Arrays.copyOf(Files.readAllBytes(Path.of("../runtime/src/test/resources/images/rgb.jpg")), 100);
        Object[][] files = {{"empty.png", new byte[0]}, {"header_only.png", pngHeader}, {"text.png", "not an image".getBytes(StandardCharsets.UTF_8)},
            {"huge.png", huge}, {"truncated.jpg", truncatedJpeg}, {"random.jpg", new java.util.Random(1).ints(4096, 0, 256).collect(
                    java.io.ByteArrayOutputStream::new, java.io.ByteArrayOutputStream::write, (x, y) -> { }).toByteArray()},
            {"gif.png", "GIF89a".getBytes(StandardCharsets.US_ASCII)}};
        for (Object[] f : files) {
            Path p = Files.write(dir.resolve((String) f[0]), (byte[]) f[1]);
            out.add(new Case("images", (String) f[0], a("run", CIFAR, "--input", p, "--top", "1")));
            out.add(new Case("images", (String) f[0] + " to v2", a("run", V2, "--input", p, "--top", "1", "--interpret")));
        }
    }

    /** Weight files that are not safetensors, or not this model's. */
    private static void weights(List<Case> out) throws IOException {
        Object[][] files = {
            {"zip.pth", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0}}, {"pickle.pth", new byte[] {(byte) 0x80, 2, ']', 'q', 0}},
            {"empty.safetensors", new byte[0]}, {"short.safetensors", new byte[] {1, 2, 3}},
            {"huge_header.safetensors", new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, '{', '}'}},
            {"bad_json.safetensors", header("{\"a\": ")}, {"not_object.safetensors", header("[1, 2, 3]")},
            {"wrong_dtype.safetensors", header("{\"conv1.weight\": {\"dtype\": \"Q4\", \"shape\": [1], \"data_offsets\": [0, 4]}}")},
            {"past_end.safetensors", header("{\"conv1.weight\": {\"dtype\": \"F32\", \"shape\": [1000], \"data_offsets\": [0, 4000]}}")},
            {"empty_object.safetensors", header("{}")},
        };
        for (Object[] f : files) {
            Path p = Files.write(dir.resolve((String) f[0]), (byte[]) f[1]);
            out.add(new Case("weights", (String) f[0], a("run", CIFAR, "--random", "--weights", p, "--top", "1")));
            out.add(new Case("weights", (String) f[0] + " interpreted", a("run", CIFAR, "--random", "--weights", p, "--top", "1", "--interpret")));
            out.add(new Case("weights", (String) f[0] + " json errors", a("run", CIFAR, "--random", "--weights", p, "--error-format=json")));
        }
    }

    private static byte[] header(String json) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + text.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(text.length).put(text);
        return b.array();
    }
}
