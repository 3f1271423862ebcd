package dev.snet.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.runtime.Tensor;
import dev.snet.runtime.io.Npy;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    static final String TINY = "src/test/resources/models/tiny.snet";

    @TempDir
    Path tmp;

    /** A tensor as it goes into a hand-made safetensors file. */
    record Raw(String dtype, List<Integer> shape, byte[] data) {
        static Raw f32(List<Integer> shape) {
            int n = shape.stream().reduce(1, (a, b) -> a * b);
            ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) b.putFloat(0.01f * (i % 17));
            return new Raw("F32", shape, b.array());
        }
    }

    static Map<String, Raw> tinyWeights() {
        Map<String, Raw> m = new LinkedHashMap<>();
        m.put("conv1.weight", Raw.f32(List.of(4, 2, 3, 3)));
        for (String s : List.of("weight", "bias", "running_mean", "running_var")) m.put("bn1." + s, Raw.f32(List.of(4)));
        m.put("bn1.num_batches_tracked", new Raw("I64", List.of(), new byte[8]));
        m.put("conv2.weight", Raw.f32(List.of(2, 1, 1, 1)));
        m.put("fc.weight", Raw.f32(List.of(3, 4)));
        m.put("fc.bias", Raw.f32(List.of(3)));
        return m;
    }

    /** Header text and data bytes, in map order; {@code headerEdit} may corrupt the JSON. */
    static byte[] file(Map<String, Raw> tensors, java.util.function.UnaryOperator<String> headerEdit) {
        StringBuilder h = new StringBuilder("{");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<String, Raw> e : tensors.entrySet()) {
            if (h.length() > 1) h.append(',');
            int start = data.size();
            data.writeBytes(e.getValue().data());
            h.append('"').append(e.getKey()).append("\":{\"dtype\":\"").append(e.getValue().dtype()).append("\",\"shape\":")
             .append(e.getValue().shape().toString().replace(" ", "")).append(",\"data_offsets\":[").append(start).append(',').append(data.size()).append("]}");
        }
        byte[] header = headerEdit.apply(h.append('}').toString()).getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        return b.putLong(header.length).put(header).put(data.toByteArray()).array();
    }

    private SnetcRunner.Outcome runWith(byte[] weights) throws Exception {
        Path w = tmp.resolve("w.safetensors");
        Files.write(w, weights);
        Path out = tmp.resolve("out.npy");
        Files.deleteIfExists(out);
        SnetcRunner.Outcome o = SnetcRunner.run("run", TINY, "--random", "--weights", w.toString(), "--output", out.toString());
        if (o.exit() != 0) assertFalse(Files.exists(out), "no output file after a failed run");
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
        return o;
    }

    /** The one-line error of a failed run, without the file name prefix. */
    private String error(byte[] weights) throws Exception {
        SnetcRunner.Outcome o = runWith(weights);
        assertEquals(1, o.exit(), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        String prefix = "error: " + tmp.resolve("w.safetensors") + ": ";
        assertTrue(o.err().startsWith(prefix), o.err());
        return o.err().substring(prefix.length()).trim();
    }

    @Test
    void validWeightsRunAndTheIntegerCounterIsIgnored() throws Exception {
        SnetcRunner.Outcome o = runWith(file(tinyWeights(), h -> h));
        assertEquals(0, o.exit(), o.err());
        assertEquals(List.of(), o.err().lines().filter(l -> !l.startsWith("backend: ")).toList(), "no warning, only where it runs");
        Tensor y = Npy.read(tmp.resolve("out.npy"));
        assertEquals(List.of(1, 3), List.of(y.shape()[0], y.shape()[1]));
        assertTrue(o.out().startsWith("sample 0:\n  1. class "), o.out());
    }

    @Test
    void extraTensorsAreListedInOneWarning() throws Exception {
        Map<String, Raw> w = tinyWeights();
        w.put("classifier.weight", Raw.f32(List.of(3, 4)));
        w.put("head.bias", Raw.f32(List.of(3)));
        SnetcRunner.Outcome o = runWith(file(w, h -> h));
        assertEquals(0, o.exit(), o.err());
        List<String> lines = o.err().lines().filter(l -> !l.startsWith("backend: ")).toList();
        assertEquals(1, lines.size(), o.err());
        assertTrue(lines.get(0).matches("warning: .*w.safetensors: 2 tensors are not used by the model: `classifier.weight`, `head.bias`"), o.err());
    }

    @Test
    void missingTensor() throws Exception {
        Map<String, Raw> w = tinyWeights();
        w.remove("conv2.weight");
        assertTrue(error(file(w, h -> h)).startsWith("missing tensor `conv2.weight` (F32 [2, 1, 1, 1])"));
    }

    @Test
    void wrongShape() throws Exception {
        Map<String, Raw> w = tinyWeights();
        w.put("conv1.weight", Raw.f32(List.of(4, 2, 1, 1)));
        assertEquals("tensor `conv1.weight`: expected shape [4, 2, 3, 3], found [4, 2, 1, 1]", error(file(w, h -> h)));
    }

    @Test
    void wrongDtype() throws Exception {
        Map<String, Raw> w = tinyWeights();
        w.put("fc.bias", new Raw("I32", List.of(3), new byte[12]));
        assertEquals("tensor `fc.bias`: expected a floating-point dtype (F32, F16 or BF16), found I32", error(file(w, h -> h)));
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] whole = file(tinyWeights(), h -> h);
        assertTrue(error(java.util.Arrays.copyOf(whole, whole.length - 10)).contains("run past the end of the data"));
        assertTrue(error(java.util.Arrays.copyOf(whole, 5)).startsWith("truncated file"));
    }

    @Test
    void corruptedHeaders() throws Exception {
        assertTrue(error(file(tinyWeights(), h -> h.substring(0, h.length() - 1))).startsWith("header is not valid JSON"));
        assertTrue(error(file(tinyWeights(), h -> h.replace("[0,288]", "[0,99999]"))).contains("run past the end of the data"));
        assertTrue(error(file(tinyWeights(), h -> h.replaceFirst("\\[288,304]", "[280,296]"))).contains("overlap"));
        byte[] f = file(tinyWeights(), h -> h);
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(0, f.length);
        assertTrue(error(f).startsWith("header length " + f.length + " is larger than the file"));
    }

    @Test
    void inputProblemsAreOneLine() throws Exception {
        Path bad = tmp.resolve("x.npy");
        Npy.write(bad, Tensor.zeros(1, 3, 6, 6));
        SnetcRunner.Outcome o = SnetcRunner.run("run", TINY, "--input", bad.toString());
        assertEquals(1, o.exit());
        assertEquals("error: " + bad + ": array of shape [1, 3, 6, 6] does not fit the model's input [N, 2, 6, 6]\n", o.err());
        SnetcRunner.Outcome missing = SnetcRunner.run("run", TINY, "--input", "nope.npy");
        assertEquals("error: cannot read nope.npy: no such file\n", missing.err());
        SnetcRunner.Outcome both = SnetcRunner.run("run", TINY, "--input", "nope.npy", "--random");
        assertEquals(2, both.exit());
        SnetcRunner.Outcome noDir = SnetcRunner.run("run", TINY, "--random", "--output", tmp.resolve("no/dir/y.npy").toString());
        assertEquals(1, noDir.exit());
        assertTrue(noDir.err().startsWith("error: cannot write "), noDir.err());
    }

    @Test
    void imagesArePreprocessedOrRefused() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(48, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) for (int x = 0; x < 48; x++) img.setRGB(x, y, (x * 5) << 16 | (y * 6) << 8);
        Path png = tmp.resolve("picture.png");
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        SnetcRunner.Outcome ok = SnetcRunner.run("run", "../examples/models/cifar_shufflenet.snet", "--input", png.toString(), "--top", "3");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(4, ok.out().lines().count(), ok.out());
        SnetcRunner.Outcome twoChannels = SnetcRunner.run("run", TINY, "--input", png.toString());
        assertEquals(1, twoChannels.exit());
        assertEquals("error: the model takes 2 channels; images give 1 or 3\n", twoChannels.err());
        Path notImage = tmp.resolve("notes.jpg");
        Files.writeString(notImage, "not a picture");
        SnetcRunner.Outcome bad = SnetcRunner.run("run", TINY, "--input", notImage.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().startsWith("error: ") && bad.err().lines().count() == 1, bad.err());
    }

    @Test
    void npyInputOfOneSampleAndLabels() throws Exception {
        Path x = tmp.resolve("x.npy");
        Npy.write(x, new Tensor(new int[] {2, 6, 6}, new float[72]));
        Path labels = tmp.resolve("labels.txt");
        Files.writeString(labels, "cat\ndog\nbird\n");
        SnetcRunner.Outcome o = SnetcRunner.run("run", TINY, "--input", x.toString(), "--labels", labels.toString(), "--top", "2");
        assertEquals(0, o.exit(), o.err());
        assertEquals(3, o.out().lines().count(), o.out());
        assertTrue(o.out().matches("(?s).*(cat|dog|bird)\n.*"), o.out());
    }
}
