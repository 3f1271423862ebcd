package dev.snet.runtime.weights;

import dev.snet.runtime.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes float32 tensors as a safetensors file (atomically), with keys in sorted order. */
public final class SafeTensorsWriter {
    private SafeTensorsWriter() {}

    public record Named(List<Integer> shape, float[] data) {}

    public static void write(Path path, Map<String, Named> tensors) throws IOException {
        Map<String, Named> sorted = new TreeMap<>(tensors);
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, Named> e : sorted.entrySet()) {
            long bytes = 4L * e.getValue().data().length;
            if (header.length() > 1) header.append(',');
            header.append('"').append(e.getKey().replace("\\", "\\\\").replace("\"", "\\\"")).append("\":{\"dtype\":\"F32\",\"shape\":")
                  .append(e.getValue().shape().toString().replace(" ", "")).append(",\"data_offsets\":[")
                  .append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        while ((header.length() + 8) % 8 != 0) header.append(' ');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(path, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
            out.write(len.array());
            out.write(h);
            for (Named t : sorted.values()) {
                ByteBuffer b = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(t.data());
                out.write(b.array());
            }
        });
    }
}
