package dev.snet.runtime.io;

import dev.snet.runtime.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** NumPy .npy files: float32, float64 and float16 arrays in C order are read; float32 is written. */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** A malformed or unsupported .npy file; the message says what is wrong. */
    public static final class FormatException extends IOException {
        public FormatException(String message) { super(message); }
    }

    public static Tensor read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        return read(bytes);
    }

    public static Tensor read(byte[] bytes) throws FormatException {
        if (bytes.length < 10) throw new FormatException("not a .npy file (too short)");
        for (int i = 0; i < MAGIC.length; i++) if (bytes[i] != MAGIC[i]) throw new FormatException("not a .npy file (bad magic)");
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int start;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new FormatException("truncated .npy header");
            headerLength = b.getInt(8) & 0xffffffffL;
            start = 12;
        } else {
            throw new FormatException("unsupported .npy version " + major);
        }
        if (start + headerLength > bytes.length) throw new FormatException("truncated .npy header");
        String header = new String(bytes, start, (int) headerLength, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) throw new FormatException("malformed .npy header: " + header.trim());
        if (f.group(1).equals("True")) throw new FormatException("Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
        String kind = d.group(2);
        int size = Integer.parseInt(d.group(3));
        if (!kind.equals("f") || (size != 2 && size != 4 && size != 8)) {
            throw new FormatException("dtype " + d.group(1) + kind + size + " is not supported; use float32");
        }
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<Integer> dims = new ArrayList<>();
        long count = 1;
        for (String part : s.group(1).split(",")) {
            if (part.isBlank()) continue;
            try {
                int dim = Integer.parseInt(part.trim());
                if (dim < 0) throw new NumberFormatException();
                dims.add(dim);
                count *= dim;
            } catch (NumberFormatException e) {
                throw new FormatException("bad shape in .npy header: (" + s.group(1) + ")");
            }
            if (count > Integer.MAX_VALUE) throw new FormatException("array too large");
        }
        int dataStart = start + (int) headerLength;
        if ((long) dataStart + count * size > bytes.length) {
            throw new FormatException("truncated .npy data: " + count + " values need " + count * size + " bytes, found " + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(order);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (size) {
                case 2 -> Float.float16ToFloat(data.getShort(2 * i));
                case 4 -> data.getFloat(4 * i);
                default -> (float) data.getDouble(8 * i);
            };
        }
        return new Tensor(dims.stream().mapToInt(Integer::intValue).toArray(), values);
    }

    public static byte[] toBytes(Tensor t) {
        StringBuilder shape = new StringBuilder("(");
        for (int d : t.shape()) shape.append(d).append(", ");
        if (t.rank() == 1) shape.setLength(shape.length() - 1);
        else if (t.rank() > 1) shape.setLength(shape.length() - 2);
        shape.append(')');
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float v : t.data()) b.putFloat(v);
        return b.array();
    }

    /** Writes atomically: a failed write leaves no partial file. */
    public static void write(Path path, Tensor t) throws IOException {
        byte[] bytes = toBytes(t);
        AtomicFiles.write(path, out -> out.write(bytes));
    }
}
