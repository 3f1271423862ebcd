package dev.snet.runtime.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    static final Path SAMPLE = Path.of("src/test/resources/safetensors/sample.safetensors");
    static final float[] VALUES = {0.5f, -1.25f, 3.0f, 1024.0f, -0.0078125f, 49152.0f};

    @TempDir
    Path tmp;

    /** A file with the given header text (length computed) and data bytes. */
    static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    private String open(byte[] bytes) throws IOException {
        Path p = tmp.resolve("t.safetensors");
        Files.write(p, bytes);
        WeightsException e = assertThrows(WeightsException.class, () -> {
            try (SafeTensors st = SafeTensors.open(p)) {
                for (String name : st.entries().keySet()) if (st.entries().get(name).dtype().isFloating()) st.floats(name);
            }
        });
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
        return e.getMessage().substring(p.toString().length() + 2);
    }

    @Test
    void readsEveryFloatDtypeWrittenByThePythonTool() throws WeightsException {
        try (SafeTensors st = SafeTensors.open(SAMPLE)) {
            assertEquals(List.of(2, 3), st.entries().get("a.f32").shape());
            assertArrayEquals(VALUES, st.floats("a.f32"));
            assertArrayEquals(VALUES, st.floats("b.f16"));
            assertArrayEquals(VALUES, st.floats("c.bf16"));
            SafeTensors.Entry counter = st.entries().get("bn.num_batches_tracked");
            assertEquals(DType.I64, counter.dtype());
            assertEquals(List.of(), counter.shape());
            assertThrows(WeightsException.class, () -> st.floats("bn.num_batches_tracked"));
        }
    }

    @Test
    void roundTripsThroughTheWriter() throws Exception {
        Path p = tmp.resolve("w.safetensors");
        SafeTensorsWriter.write(p, Map.of("x.weight", new SafeTensorsWriter.Named(List.of(2, 3), VALUES),
                "y", new SafeTensorsWriter.Named(List.of(), new float[] {42f})));
        try (SafeTensors st = SafeTensors.open(p)) {
            assertArrayEquals(VALUES, st.floats("x.weight"));
            assertArrayEquals(new float[] {42f}, st.floats("y"));
        }
    }

    @Test
    void damagedFilesFailWithAReason() throws IOException {
        byte[] eight = new byte[8];
        String ok = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertEquals("truncated file: 3 bytes, but a safetensors file starts with an 8-byte header length", open(new byte[3]));
        byte[] tooLong = file(ok, eight);
        ByteBuffer.wrap(tooLong).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1 << 20);
        assertTrue(open(tooLong).startsWith("header length 1048576 is larger than the file"));
        assertTrue(open(file("{\"a\": {", eight)).startsWith("header is not valid JSON"));
        assertEquals("header is not a JSON object", open(file("[1, 2]", eight)));
        assertTrue(open(file(ok, new byte[4])).contains("run past the end of the data (4 bytes)"));
        assertTrue(open(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                new byte[12])).contains("overlap"));
        assertTrue(open(file("{\"a\":{\"dtype\":\"F33\",\"shape\":[2],\"data_offsets\":[0,8]}}", eight)).contains("unknown dtype F33"));
        assertTrue(open(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", eight)).contains("needs 12 bytes but data_offsets span 8"));
        assertTrue(open(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", eight)).contains("bad shape"));
        assertTrue(open(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", eight)).contains("bad data_offsets"));
    }

    @Test
    void missingFileIsNamed() {
        WeightsException e = assertThrows(WeightsException.class, () -> SafeTensors.open(tmp.resolve("none.safetensors")));
        assertTrue(e.getMessage().endsWith("none.safetensors: no such file"), e.getMessage());
    }

    /** Random byte mutations of a valid file: only WeightsException may come out, never anything else. */
    @Test
    void mutatedFilesNeverThrowAnythingElse() throws IOException {
        byte[] valid = Files.readAllBytes(SAMPLE);
        SplittableRandom random = new SplittableRandom(5);
        Path p = tmp.resolve("fuzz.safetensors");
        int headerEnd = 8 + (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        for (int n = 0; n < 5_000; n++) {
            byte[] bytes = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                // Most edits land in the header, where the parser lives.
                int at = random.nextInt(4) == 0 ? random.nextInt(bytes.length) : random.nextInt(Math.min(headerEnd, bytes.length));
                switch (random.nextInt(4)) {
                    case 0 -> bytes[at] = (byte) random.nextInt(256);
                    case 1 -> bytes[at] = (byte) "{}[]\",:0123456789-eE".charAt(random.nextInt(20));
                    case 2 -> bytes = java.util.Arrays.copyOf(bytes, at);
                    default -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
                if (bytes.length == 0) break;
            }
            Files.write(p, bytes);
            try (SafeTensors st = SafeTensors.open(p)) {
                for (SafeTensors.Entry entry : st.entries().values()) if (entry.dtype().isFloating()) st.floats(entry.name());
            } catch (WeightsException expected) {
                assertTrue(!expected.getMessage().isBlank());
            } catch (Throwable t) {
                fail("case " + n + " threw " + t, t);
            }
        }
    }
}
