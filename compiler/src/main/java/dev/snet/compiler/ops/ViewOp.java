package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A gather of channels that computes nothing once planned: optimised split, concat and shuffle. */
public final class ViewOp implements OpDefinition<Op.View> {
    static final ViewOp INSTANCE = new ViewOp();

    private ViewOp() {}

    public Shape shape(Op.View v, List<Shape> inputs, Check check) {
        Shape in = inputs.get(0);
        for (Op.Source s : v.channels()) {
            check.that(s.input() < inputs.size(), "view reads input " + s.input());
            if (s.input() >= inputs.size()) continue;
            Shape src = inputs.get(s.input());
            check.that(s.channel() < src.channels() && src.height() == in.height() && src.width() == in.width(), "view reads a channel that is not there");
        }
        return in.withChannels(v.channels().size());
    }

    public long macs(Op.View op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.View v) { return "view " + v.channels().size(); }

    public float[] evaluate(Op.View view, Evaluation e) {
        int hw = e.output().height() * e.output().width();
        int outC = view.channels().size();
        float[] y = new float[e.batch() * outC * hw];
        for (int b = 0; b < e.batch(); b++) {
            for (int c = 0; c < outC; c++) {
                Op.Source src = view.channels().get(c);
                int srcC = e.shapes().get(src.input()).channels();
                System.arraycopy(e.input(src.input()), (b * srcC + src.channel()) * hw, y, (b * outC + c) * hw, hw);
            }
        }
        return y;
    }

    public boolean nonNegative(Op.View op, BooleanSupplier inputsNonNegative) { return inputsNonNegative.getAsBoolean(); }

    public boolean mayRunInPlace(Op.View op) { return false; }

    public List<Layer> layers() { return List.of(); }

    public Optional<Op> withActivation(Op.View op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.View op) { return Optional.empty(); }

    public List<TensorFunction> functions() { return List.of(); }
}
