package dev.snet.compiler.ops;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ops.Layer.Arg;
import dev.snet.compiler.ops.Layer.Kind;
import dev.snet.compiler.sema.Elaborator;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** ShuffleNet's channel shuffle; a view once optimised. */
public final class ShuffleOp implements OpDefinition<Op.Shuffle> {
    static final ShuffleOp INSTANCE = new ShuffleOp();

    private ShuffleOp() {}

    public Shape shape(Op.Shuffle op, List<Shape> inputs, Check check) { return inputs.get(0); }

    public long macs(Op.Shuffle op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.Shuffle s) { return "shuffle " + s.groups(); }

    public float[] evaluate(Op.Shuffle s, Evaluation e) { return Reference.shuffle(e.x(), e.batch(), e.in().channels(), e.plane(), s.groups()); }

    public boolean nonNegative(Op.Shuffle op, BooleanSupplier inputsNonNegative) { return inputsNonNegative.getAsBoolean(); }

    public boolean mayRunInPlace(Op.Shuffle op) { return false; }

    public List<Layer> layers() {
        return List.of(new Layer("shuffle", List.of(Arg.required("groups", Kind.INT)), true, call -> {
            int groups = call.integer("groups", 1, Elaborator.MAX_DIM);
            if (call.failed()) return Optional.empty();
            int channels = call.input().channels();
            if (channels % groups != 0) {
                call.errorAtInput(Code.SN0300, "channels " + channels + " are not divisible by shuffle groups=" + groups, "groups=" + groups,
                        "the " + channels + " channels come from here", "shuffle with groups that divide " + channels);
                return Optional.empty();
            }
            return Optional.of(new Op.Shuffle(groups));
        }));
    }

    public Optional<Op> withActivation(Op.Shuffle op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.Shuffle op) { return Optional.empty(); }

    public List<TensorFunction> functions() { return List.of(); }
}
