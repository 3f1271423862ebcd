package dev.snet.compiler.ops;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.runtime.kernels.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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

    /** {@code split(x, n)} into n equal parts, or {@code split(x, [a, b, ...])} into parts of those sizes: one slice each. */
    public List<TensorFunction> functions() {
        return List.of(new TensorFunction("split", true, call -> {
            if (call.arguments() != 2) {
                call.error(Code.SN0202, -1, "`split` takes a tensor and a count or a list of sizes", call.arguments() + " arguments", List.of(),
                        "write `a, b = split(x, 2)`");
                return Optional.empty();
            }
            if (call.tensor(0).isEmpty()) {
                call.typeError(0, "`split` splits a tensor, not " + call.kindOf(0));
                return Optional.empty();
            }
            int c = call.tensor(0).get().channels();
            List<Integer> sizes = new ArrayList<>();
            OptionalLong count = call.integer(1);
            Optional<List<Long>> list = call.integers(1);
            if (count.isPresent()) {
                long n = count.getAsLong();
                if (n < 1 || n > c || c % n != 0) {
                    call.error(Code.SN0304, 1, c + " channels cannot be split into " + n + " equal parts", "parts",
                            List.of(new FunctionCall.Note(0, "the " + c + " channels come from here")),
                            "use a count that divides " + c + ", or give the sizes: split(x, [a, b])");
                    return Optional.empty();
                }
                for (int i = 0; i < n; i++) sizes.add((int) (c / n));
            } else if (list.isPresent()) {
                long sum = 0;
                for (Long v : list.get()) {
                    if (v == null || v < 1 || v > c) {
                        call.error(Code.SN0304, 1, "split sizes must be positive ints no larger than " + c + ", got " + call.text(1), "sizes", List.of(),
                                "give positive sizes that add up to " + c);
                        return Optional.empty();
                    }
                    sum += v;
                    sizes.add(v.intValue());
                }
                if (sum != c || sizes.isEmpty()) {
                    call.error(Code.SN0304, 1, "split sizes add up to " + sum + " but the tensor has " + c + " channels", "sizes",
                            List.of(new FunctionCall.Note(0, "the " + c + " channels come from here")), "make the sizes add up to " + c);
                    return Optional.empty();
                }
            } else {
                call.typeError(1, "`split` needs a count or a list of sizes, not " + call.kindOf(1));
                return Optional.empty();
            }
            List<TensorFunction.Applied> parts = new ArrayList<>();
            int start = 0;
            for (int size : sizes) {
                parts.add(new TensorFunction.Applied(new Op.Slice(start, size), List.of(0)));
                start += size;
            }
            return Optional.of(parts);
        }));
    }
}
