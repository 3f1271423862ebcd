package dev.snet.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What one generated class was made from: the files read (each with its SHA-256) and the class it
 * became. A model whose stamp still holds is not generated again, so its source keeps its time
 * stamp and javac does not recompile it.
 */
record Stamp(String output, List<String> inputs) {
    private static final String NO_FILE = "-";

    static Stamp of(String output, List<Path> files) throws IOException {
        List<String> inputs = new ArrayList<>();
        for (Path f : files) inputs.add(f + "\t" + sha256(f));
        return new Stamp(output, List.copyOf(inputs));
    }

    /** True when every input still has the content it had, and the output is still there. */
    boolean holds(Path outputDirectory) throws IOException {
        if (!output.equals(NO_FILE) && !Files.isRegularFile(outputDirectory.resolve(output))) return false;
        for (String line : inputs) {
            int tab = line.lastIndexOf('\t');
            if (!sha256(Path.of(line.substring(0, tab))).equals(line.substring(tab + 1))) return false;
        }
        return true;
    }

    static Stamp read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("output\t")) throw new IOException("not a stamp: " + file);
        return new Stamp(lines.get(0).substring(7), List.copyOf(lines.subList(1, lines.size())));
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "output\t" + output + "\n" + String.join("\n", inputs) + "\n", StandardCharsets.UTF_8);
    }

    static String library() { return NO_FILE; }

    static String sha256(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return "missing";
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            MessageDigest d = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(d.digest());
        }
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
