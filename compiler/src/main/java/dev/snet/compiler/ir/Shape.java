package dev.snet.compiler.ir;

import java.util.List;

/** The shape of one sample: [C, H, W] for feature maps, [F] after flatten. The batch dimension is implicit. */
public record Shape(List<Integer> dims) {

    public Shape {
        dims = List.copyOf(dims);
    }

    public static Shape chw(int c, int h, int w) { return new Shape(List.of(c, h, w)); }

    public static Shape flat(int features) { return new Shape(List.of(features)); }

    public int rank() { return dims.size(); }

    public int channels() { return dims.get(0); }

    public int height() { return rank() == 3 ? dims.get(1) : 1; }

    public int width() { return rank() == 3 ? dims.get(2) : 1; }

    public long elements() {
        long n = 1;
        for (int d : dims) n *= d;
        return n;
    }

    public Shape withChannels(int c) {
        return rank() == 3 ? chw(c, height(), width()) : flat(c);
    }

    @Override
    public String toString() { return dims.toString(); }
}
