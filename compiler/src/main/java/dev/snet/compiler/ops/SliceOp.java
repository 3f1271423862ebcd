package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A part of a split: channels [start, start + count). */
public final class SliceOp implements OpDefinition<Op.Slice> {
    static final SliceOp INSTANCE = new SliceOp();

    private SliceOp() {}

    public Shape shape(Op.Slice s, List<Shape> inputs, Check check) { return inputs.get(0).withChannels(s.count()); }

    public long macs(Op.Slice op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.Slice s) { return "slice " + s.start() + ":" + (s.start() + s.count()); }

    public float[] evaluate(Op.Slice s, Evaluation e) {
        return Reference.slice(e.x(), e.batch(), e.in().channels(), e.plane(), s.start(), s.count());
    }

    public boolean nonNegative(Op.Slice op, BooleanSupplier inputsNonNegative) { return inputsNonNegative.getAsBoolean(); }

    public boolean mayRunInPlace(Op.Slice op) { return false; }

    public List<Layer> layers() { return List.of(); }

    public Optional<Op> withActivation(Op.Slice op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.Slice op) { return Optional.empty(); }
}
