package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ir.Weight;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.function.BooleanSupplier;

/** ShuffleNet's channel shuffle; a view once optimised. */
public final class ShuffleOp implements OpDefinition<Op.Shuffle> {
    static final ShuffleOp INSTANCE = new ShuffleOp();

    private ShuffleOp() {}

    public Shape shape(Op.Shuffle op, List<Shape> inputs, List<Weight> weights, Check check) { return inputs.get(0); }

    public long macs(Op.Shuffle op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.Shuffle s) { return "shuffle " + s.groups(); }

    public float[] evaluate(Op.Shuffle s, Evaluation e) { return Reference.shuffle(e.x(), e.batch(), e.in().channels(), e.plane(), s.groups()); }

    public boolean nonNegative(Op.Shuffle op, BooleanSupplier inputsNonNegative) { return inputsNonNegative.getAsBoolean(); }

    public boolean mayRunInPlace(Op.Shuffle op) { return false; }
}
