package dev.snet.compiler.ops;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.sema.Elaborator;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/** Concatenation along channels. */
public final class ConcatOp implements OpDefinition<Op.Concat> {
    static final ConcatOp INSTANCE = new ConcatOp();

    private ConcatOp() {}

    public Shape shape(Op.Concat op, List<Shape> inputs, Check check) {
        return inputs.get(0).withChannels(inputs.stream().mapToInt(Shape::channels).sum());
    }

    public long macs(Op.Concat op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.Concat op) { return op.kind(); }

    public float[] evaluate(Op.Concat op, Evaluation e) {
        int[] channels = e.shapes().stream().mapToInt(Shape::channels).toArray();
        return Reference.concat(e.inputs().toArray(float[][]::new), channels, e.batch(), e.plane());
    }

    public boolean nonNegative(Op.Concat op, BooleanSupplier inputsNonNegative) { return inputsNonNegative.getAsBoolean(); }

    public boolean mayRunInPlace(Op.Concat op) { return false; }

    public List<Layer> layers() { return List.of(); }

    public Optional<Op> withActivation(Op.Concat op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.Concat op) { return Optional.empty(); }

    public List<TensorFunction> functions() {
        return List.of(new TensorFunction("concat", false, call -> {
            if (!call.allTensors()) return Optional.empty();
            if (call.arguments() == 0) {
                call.error(Code.SN0202, -1, "`concat` needs at least one tensor", "nothing to join", List.of(), "write `concat(a, b)`");
                return Optional.empty();
            }
            Shape first = call.tensor(0).orElseThrow();
            long channels = 0;
            for (int i = 0; i < call.arguments(); i++) {
                Shape s = call.tensor(i).orElseThrow();
                if (s.rank() != 3 || s.height() != first.height() || s.width() != first.width() || first.rank() != 3) {
                    call.error(Code.SN0302, i, "concat needs equal heights and widths: " + s + " does not match " + first, s.toString(),
                            List.of(new FunctionCall.Note(0, "the first part, " + first + ", comes from here"),
                                    new FunctionCall.Note(i, "this part, " + s + ", comes from here")),
                            "check the strides and pooling on each branch");
                    return Optional.empty();
                }
                channels += s.channels();
            }
            if (channels > Elaborator.MAX_DIM) {
                call.rangeError("concat gives too many channels", "use fewer channels");
                return Optional.empty();
            }
            return Optional.of(List.of(new TensorFunction.Applied(new Op.Concat(), IntStream.range(0, call.arguments()).boxed().toList())));
        }));
    }
}
