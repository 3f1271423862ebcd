package dev.snet.examples;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The deterministic weights and inputs of the PyTorch fixtures: the Java twin of
 * {@code recipe_tensor} and {@code recipe_input} in tools/snet_fixtures.py, bit for bit. Every value
 * is a multiple of 1/1024, so float16 and float32 hold it exactly.
 */
final class Recipe {
    private Recipe() {}

    static long fnv1a64(String text) {
        long h = 0xCBF29CE484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001B3L;
        }
        return h;
    }

    /** splitmix64 of (fnv1a64(key) + i * golden), top 53 bits, as a double in [0, 1). */
    static double uniform(long seed, long i) {
        long z = seed + i * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    static float[] quantized(String key, int n, double low, double high) {
        long seed = fnv1a64(key);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double x = low + (high - low) * uniform(seed, i);
            v[i] = (float) (Math.rint(x * 1024.0) / 1024.0);
        }
        return v;
    }

    static float[] tensor(String key, List<Integer> shape) {
        int n = 1;
        for (int d : shape) n *= d;
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        if (leaf.equals("running_mean")) return quantized(key, n, -0.25, 0.25);
        if (leaf.equals("running_var")) return quantized(key, n, 0.5, 1.5);
        if (leaf.equals("weight") && shape.size() == 1) return quantized(key, n, 0.5, 1.5);
        if (leaf.equals("bias")) return quantized(key, n, -0.125, 0.125);
        long fanIn = 1;
        for (int i = 1; i < shape.size(); i++) fanIn *= shape.get(i);
        double bound = Math.min(1.9, 2.0 / Math.sqrt(fanIn));
        return quantized(key, n, -bound, bound);
    }

    static float[] input(String key, int n) { return quantized(key, n, -1.5, 1.5); }
}
