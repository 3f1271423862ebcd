package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Op;
import java.util.List;

/**
 * The one list of op definitions: the definition of each kind of {@link Op}. A switch over the
 * sealed interface with no default arm, so a new record is a compile error here until it has one.
 */
public final class Ops {
    private Ops() {}

    /** Every definition, in the order the language lists their steps (and "did you mean" considers them). */
    public static final List<OpDefinition<?>> ALL = List.of(InputOp.INSTANCE, ConvOp.INSTANCE, BatchNormOp.INSTANCE, ActivateOp.INSTANCE,
            ShuffleOp.INSTANCE, SliceOp.INSTANCE, ConcatOp.INSTANCE, AddOp.INSTANCE, ScaleOp.INSTANCE, ViewOp.INSTANCE, MaxPoolOp.INSTANCE,
            AvgPoolOp.INSTANCE, GlobalAvgPoolOp.INSTANCE, FlattenOp.INSTANCE, LinearOp.INSTANCE, SoftmaxOp.INSTANCE);

    @SuppressWarnings("unchecked")  // each arm returns the definition of the record it matched
    public static <O extends Op> OpDefinition<O> of(O op) {
        OpDefinition<?> d = switch (op) {
            case Op.Input x -> InputOp.INSTANCE;
            case Op.Conv x -> ConvOp.INSTANCE;
            case Op.BatchNorm x -> BatchNormOp.INSTANCE;
            case Op.Activate x -> ActivateOp.INSTANCE;
            case Op.Shuffle x -> ShuffleOp.INSTANCE;
            case Op.Slice x -> SliceOp.INSTANCE;
            case Op.Concat x -> ConcatOp.INSTANCE;
            case Op.Add x -> AddOp.INSTANCE;
            case Op.Scale x -> ScaleOp.INSTANCE;
            case Op.View x -> ViewOp.INSTANCE;
            case Op.MaxPool x -> MaxPoolOp.INSTANCE;
            case Op.AvgPool x -> AvgPoolOp.INSTANCE;
            case Op.GlobalAvgPool x -> GlobalAvgPoolOp.INSTANCE;
            case Op.Flatten x -> FlattenOp.INSTANCE;
            case Op.Linear x -> LinearOp.INSTANCE;
            case Op.Softmax x -> SoftmaxOp.INSTANCE;
        };
        return (OpDefinition<O>) d;
    }
}
