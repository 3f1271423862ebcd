package dev.snet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.runtime.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path tmp;

    @Test
    void roundTrip() throws Exception {
        Tensor t = new Tensor(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f});
        Path p = tmp.resolve("a.npy");
        Npy.write(p, t);
        Tensor back = Npy.read(p);
        assertArrayEquals(t.shape(), back.shape());
        assertArrayEquals(t.data(), back.data());
        byte[] bytes = Files.readAllBytes(p);
        assertTrue((bytes.length - 4 * 6) % 64 == 0, "header padded to 64 bytes as numpy does");
        assertTrue(new String(bytes, 10, 60).contains("'shape': (2, 3)"));
    }

    @Test
    void readsNumpysOwnHeaders() throws Exception {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }";
        byte[] h = (header + " ".repeat((64 - (10 + header.length() + 1) % 64) % 64) + "\n").getBytes();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + h.length + 24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h).putDouble(1).putDouble(2).putDouble(-3);
        Tensor t = Npy.read(b.array());
        assertArrayEquals(new int[] {3}, t.shape());
        assertArrayEquals(new float[] {1, 2, -3}, t.data());
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThrows(Npy.FormatException.class, () -> Npy.read(new byte[] {1, 2, 3}));
        assertThrows(Npy.FormatException.class, () -> Npy.read("\u0093NUMPY garbage garbage".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    /** Mutated files: the reader answers with a FormatException or a tensor, never anything else. */
    @Test
    void mutatedFilesNeverThrowAnythingElse() {
        byte[] valid = Npy.toBytes(new Tensor(new int[] {2, 3, 4}, new float[24]));
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        for (int n = 0; n < 2_000; n++) {
            byte[] bytes = valid.clone();
            for (int e = 0; e < 1 + random.nextInt(3); e++) {
                int at = random.nextInt(Math.min(bytes.length, 80));
                if (random.nextInt(5) == 0) bytes = java.util.Arrays.copyOf(bytes, at);
                else bytes[at] = (byte) "0123456789(),:' -<>fFiTrue".charAt(random.nextInt(26));
                if (bytes.length == 0) break;
            }
            try {
                Npy.read(bytes);
            } catch (Npy.FormatException expected) {
                assertTrue(!expected.getMessage().isBlank());
            } catch (Throwable t) {
                throw new AssertionError("case " + n + " threw " + t, t);
            }
        }
    }

    @Test
    void failedWriteLeavesNothing() {
        Path p = tmp.resolve("missing-dir/out.npy");
        assertThrows(java.io.IOException.class, () -> Npy.write(p, Tensor.zeros(1)));
        assertTrue(!Files.exists(p));
    }
}
