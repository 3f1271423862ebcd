package dev.snet.runtime;

/**
 * Large constant tables of generated models, written as a few string literals: a class's static
 * initialiser is limited to 64 KB of bytecode, which an array initialiser of thousands of weight
 * keys or shapes exceeds (each element costs several bytes), while a string literal costs three.
 */
public final class ConstantTables {
    private ConstantTables() {}

    /** The strings of {@code chunks} joined, split at each newline. */
    public static String[] strings(String... chunks) {
        String all = String.join("", chunks);
        return all.isEmpty() ? new String[0] : all.split("\n", -1);
    }

    /** Integer rows: rows separated by {@code ;}, values by {@code ,} ("3,8,8;8"). */
    public static int[][] ints(String... chunks) {
        String[] rows = String.join("", chunks).split(";", -1);
        int[][] out = new int[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            String[] values = rows[r].isEmpty() ? new String[0] : rows[r].split(",");
            out[r] = new int[values.length];
            for (int i = 0; i < values.length; i++) out[r][i] = Integer.parseInt(values[i]);
        }
        return out;
    }
}
