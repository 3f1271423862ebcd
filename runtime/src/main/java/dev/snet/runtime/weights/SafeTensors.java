package dev.snet.runtime.weights;

import dev.snet.runtime.io.JsonReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file, memory-mapped. The whole header is validated when the file is opened —
 * length, JSON, dtypes, shapes, offsets inside the data and not overlapping — before any tensor
 * data is touched, so a damaged file fails early with a message naming what is wrong.
 */
public final class SafeTensors implements AutoCloseable {
    /** Headers larger than this are rejected rather than read: no real model needs one. */
    static final long MAX_HEADER = 100L << 20;

    /** One tensor's entry in the header. */
    public record Entry(String name, DType dtype, List<Integer> shape, long begin, long end) {
        public long elements() {
            long n = 1;
            for (int d : shape) n *= d;
            return n;
        }
    }

    private final String displayName;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;

    private SafeTensors(String displayName, FileChannel channel, long dataStart, Map<String, Entry> entries) {
        this.displayName = displayName;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
    }

    public static SafeTensors open(Path path) throws WeightsException {
        String name = path.toString();
        FileChannel channel;
        try {
            if (Files.isDirectory(path)) throw new WeightsException(name + ": is a directory, not a safetensors file");
            // A FIFO or device would block or never end: weights are memory-mapped from a regular file.
            if (Files.exists(path) && !Files.isRegularFile(path)) throw new WeightsException(name + ": not a regular file (a device, FIFO or socket)");
            channel = FileChannel.open(path, StandardOpenOption.READ);
            String other = otherFormat(channel);
            if (other != null) {
                channel.close();
                throw new WeightsException(name + ": " + other + ", not safetensors; convert it with /usr/bin/python3 tools/pth_to_safetensors.py "
                        + name + " OUT.safetensors");
            }
        } catch (NoSuchFileException e) {
            throw new WeightsException(name + ": no such file");
        } catch (IOException e) {
            throw new WeightsException(name + ": cannot read: " + e.getMessage());
        }
        try {
            return new SafeTensors(name, channel, 0, Map.of()).load();
        } catch (WeightsException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the validation error is what the user needs to see
            }
            if (e instanceof WeightsException w) throw w;
            throw new WeightsException(name + ": unreadable safetensors file (" + e.getMessage() + ")");
        }
    }

    /** What a file that is not safetensors most likely is, from its first bytes; null when it may be safetensors. */
    private static String otherFormat(FileChannel channel) throws IOException {
        java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4);
        channel.read(head, 0);
        if (head.position() >= 4 && head.get(0) == 'P' && head.get(1) == 'K' && head.get(2) == 3 && head.get(3) == 4) {
            return "a PyTorch checkpoint (torch.save's zip format)";
        }
        if (head.position() >= 2 && (head.get(0) & 0xFF) == 0x80 && head.get(1) >= 2 && head.get(1) <= 5) return "a pickle (an older PyTorch checkpoint)";
        return null;
    }

    private SafeTensors load() throws WeightsException {
        try {
            long size = channel.size();
            if (size < 8) throw fail("truncated file: " + size + " bytes, but a safetensors file starts with an 8-byte header length");
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength < 2 || headerLength > size - 8) {
                throw fail("header length " + Long.toUnsignedString(headerLength) + " is larger than the file (" + size + " bytes): the file is truncated or not safetensors");
            }
            if (headerLength > MAX_HEADER) throw fail("header of " + headerLength + " bytes is larger than the limit of " + MAX_HEADER);
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(header, 8);
            String json;
            try {
                json = StandardCharsets.UTF_8.newDecoder().decode(header.flip()).toString();
            } catch (CharacterCodingException e) {
                throw fail("header is not UTF-8 text");
            }
            Object parsed;
            try {
                parsed = JsonReader.parse(json);
            } catch (JsonReader.JsonException e) {
                throw fail("header is not valid JSON: " + e.getMessage());
            }
            if (!(parsed instanceof Map<?, ?> map)) throw fail("header is not a JSON object");
            long dataStart = 8 + headerLength;
            Map<String, Entry> entries = entries(map, size - dataStart);
            return new SafeTensors(displayName, channel, dataStart, entries);
        } catch (IOException e) {
            throw fail("cannot read: " + e.getMessage());
        }
    }

    private Map<String, Entry> entries(Map<?, ?> header, long dataSize) throws WeightsException {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) continue;
            if (!(e.getValue() instanceof Map<?, ?> info)) throw fail("tensor `" + name + "`: entry is not an object");
            if (!(info.get("dtype") instanceof String dtypeName)) throw fail("tensor `" + name + "`: no dtype");
            DType dtype = DType.named(dtypeName).orElseThrow(() -> fail("tensor `" + name + "`: unknown dtype " + dtypeName));
            List<Integer> shape = new ArrayList<>();
            long elements = 1;
            if (!(info.get("shape") instanceof List<?> dims)) throw fail("tensor `" + name + "`: no shape");
            for (Object d : dims) {
                if (!(d instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) throw fail("tensor `" + name + "`: bad shape " + dims);
                shape.add(l.intValue());
                elements = multiply(elements, l, name);
            }
            if (!(info.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2
                    || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)) {
                throw fail("tensor `" + name + "`: data_offsets must be [begin, end]");
            }
            if (begin < 0 || end < begin) throw fail("tensor `" + name + "`: bad data_offsets [" + begin + ", " + end + "]");
            if (end > dataSize) {
                throw fail("tensor `" + name + "`: data_offsets [" + begin + ", " + end + "] run past the end of the data (" + dataSize + " bytes): the file is truncated");
            }
            long bytes = multiply(elements, dtype.size(), name);
            if (end - begin != bytes) {
                throw fail("tensor `" + name + "`: " + dtype + " " + shape + " needs " + bytes + " bytes but data_offsets span " + (end - begin));
            }
            out.put(name, new Entry(name, dtype, List.copyOf(shape), begin, end));
        }
        List<Entry> byOffset = new ArrayList<>(out.values());
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        for (int i = 1; i < byOffset.size(); i++) {
            Entry a = byOffset.get(i - 1);
            Entry b = byOffset.get(i);
            if (b.begin() < a.end()) {
                throw fail("tensors `" + a.name() + "` and `" + b.name() + "` overlap (bytes " + b.begin() + " to " + Math.min(a.end(), b.end()) + ")");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private long multiply(long a, long b, String name) throws WeightsException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw fail("tensor `" + name + "`: shape too large");
        }
    }

    private void readFully(ByteBuffer into, long position) throws IOException, WeightsException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position + into.position());
            if (n < 0) throw fail("truncated file");
        }
    }

    private WeightsException fail(String message) { return new WeightsException(displayName + ": " + message); }

    public String displayName() { return displayName; }

    public Map<String, Entry> entries() { return entries; }

    /** Reads a floating-point tensor as float32, mapping just its bytes. */
    public float[] floats(String name) throws WeightsException {
        Entry e = entries.get(name);
        if (e == null) throw fail("no tensor `" + name + "`");
        if (!e.dtype().isFloating()) throw fail("tensor `" + name + "`: dtype " + e.dtype() + " is not floating-point");
        if (e.elements() > Integer.MAX_VALUE - 8) throw fail("tensor `" + name + "` is too large");
        try {
            ByteBuffer b = e.end() == e.begin() ? ByteBuffer.allocate(0)
                    : channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), e.end() - e.begin());
            b.order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[(int) e.elements()];
            for (int i = 0; i < out.length; i++) out[i] = e.dtype().read(b, i);
            return out;
        } catch (IOException ex) {
            throw fail("cannot read tensor `" + name + "`: " + ex.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do: the data was read or its error reported
        }
    }
}
