package dev.snet.compiler.plan;

/**
 * One allocation of the arena: the output of a computing node, {@code size} floats per sample,
 * live from step {@code first} to step {@code last} (inclusive).
 */
public record Block(int id, int producer, String name, int size, int first, int last) {

    public boolean overlapsInTime(Block o) { return first <= o.last && o.first <= last; }

    public Block withLast(int newLast) { return new Block(id, producer, name, size, first, newLast); }
}
