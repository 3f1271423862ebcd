package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Everything the compiler knows about one kind of op, beyond its IR record ({@link Op}): its
 * shape rule, its cost, its text, its meaning (the interpreter's reference semantics) and what
 * the passes (fusing an activation or a batch norm into it) and the memory planner may do with it. One implementation per op, in this package,
 * each listed once in {@link Ops}; every method is abstract, so a new op states each of them.
 * Its language side too: the pipeline steps that write it ({@link #layers}), their arguments and
 * their checks. A target's side (the code it emits) is in that target, for the CPU
 * {@code codegen/Steps}: a switch over {@link Op} with no default arm, so javac names the place.
 */
public interface OpDefinition<O extends Op> {

    /** Records a broken invariant: a compiler bug, reported by the verifier. */
    @FunctionalInterface
    interface Check {
        void that(boolean ok, String what);
    }

    /**
     * The output shape for these inputs, checking the op's invariants with {@code check} (its
     * weights are checked against {@link Op#parameters} by the verifier, for every op alike).
     */
    Shape shape(O op, List<Shape> inputs, Check check);

    /** Multiply-accumulates, counted as the ShuffleNet papers and PyTorch's counters do (conv and fc only). */
    long macs(O op, List<Shape> inputs, Shape output);

    /** A short description for tables and dumps: "conv 3x3/2 g3", "avgpool 3x3/2 p1". */
    String describe(O op);

    /** The reference result, computed in plain Java from the inputs (the interpreter: snet's oracle). */
    float[] evaluate(O op, Evaluation e);

    /**
     * Whether every output value is at least zero whatever the model's input, given (lazily)
     * whether every input's values are: FuseActivation moves a ReLU through a concat with it.
     */
    boolean nonNegative(O op, BooleanSupplier inputsNonNegative);

    /** Whether the op may write its output over its first input (element by element, same shape). */
    boolean mayRunInPlace(O op);

    /** The op with activation {@code a} fused into it, if it can take one (FuseActivation). */
    Optional<Op> withActivation(O op, Activation a);

    /** The op with a bias that takes in the batch norm after it, if it can (FoldBatchNorm). */
    Optional<Op> withFoldedBatchNorm(O op);

    /**
     * The pipeline steps that write this op in a `.snet` file (conv and dwconv both build a
     * {@link Op.Conv}); none for ops written as calls over several tensors ({@link #functions})
     * or made only by passes.
     */
    List<Layer> layers();

    /** The calls over several tensors that write this op ({@code add}, {@code concat}, {@code split}, {@code scale}). */
    List<TensorFunction> functions();
}
