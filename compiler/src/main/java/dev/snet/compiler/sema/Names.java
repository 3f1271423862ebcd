package dev.snet.compiler.sema;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" suggestions: the closest known name within a small edit distance. */
final class Names {
    private Names() {}

    /** What users of PyTorch and other tools call our ops and arguments. */
    private static final java.util.Map<String, String> SYNONYMS = java.util.Map.ofEntries(
            java.util.Map.entry("batchnorm", "bn"), java.util.Map.entry("batch_norm", "bn"), java.util.Map.entry("batchnorm2d", "bn"),
            java.util.Map.entry("linear", "fc"), java.util.Map.entry("dense", "fc"), java.util.Map.entry("conv2d", "conv"),
            java.util.Map.entry("depthwise", "dwconv"), java.util.Map.entry("maxpool2d", "maxpool"), java.util.Map.entry("avgpool2d", "avgpool"),
            java.util.Map.entry("adaptive_avgpool", "global_avgpool"), java.util.Map.entry("gap", "global_avgpool"),
            java.util.Map.entry("channel_shuffle", "shuffle"), java.util.Map.entry("cat", "concat"), java.util.Map.entry("chunk", "split"),
            java.util.Map.entry("padding", "pad"), java.util.Map.entry("kernel_size", "kernel"), java.util.Map.entry("out_channels", "out"),
            java.util.Map.entry("out_features", "out"), java.util.Map.entry("group", "groups"), java.util.Map.entry("k", "kernel"),
            java.util.Map.entry("s", "stride"), java.util.Map.entry("p", "pad"));

    static Optional<String> closest(String name, Collection<String> known) {
        String synonym = SYNONYMS.get(name.toLowerCase(java.util.Locale.ROOT));
        if (synonym != null && known.contains(synonym)) return Optional.of(synonym);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = name.length() <= 3 ? 1 : name.length() <= 6 ? 2 : 3;
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String k : known) {
            if (Math.abs(k.length() - name.length()) > limit) continue;  // cannot be within the limit: skip the quadratic distance
            int d = distance(lower, k.toLowerCase(java.util.Locale.ROOT));
            if (d <= limit && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Edit distance counting a swap of two neighbours as one edit ("widht" is one from "width"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
