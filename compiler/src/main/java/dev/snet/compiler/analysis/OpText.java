package dev.snet.compiler.analysis;

import dev.snet.compiler.ir.Op;

/** A short human description of an op for tables and dumps: "conv 3x3/2 g3", "avgpool 3x3/2 p1". */
public final class OpText {
    private OpText() {}

    public static String describe(Op op) {
        return switch (op) {
            case Op.Conv c -> "conv " + c.kernel() + "x" + c.kernel() + (c.stride() > 1 ? "/" + c.stride() : "")
                    + (c.groups() > 1 ? " g" + c.groups() : "") + (c.bias() ? " +b" : "") + (c.residual() ? " +add" : "") + c.activation().suffix();
            case Op.MaxPool p -> "maxpool " + p.kernel() + "x" + p.kernel() + "/" + p.stride() + (p.padding() > 0 ? " p" + p.padding() : "");
            case Op.AvgPool p -> "avgpool " + p.kernel() + "x" + p.kernel() + "/" + p.stride() + (p.padding() > 0 ? " p" + p.padding() : "")
                    + (p.countIncludePad() ? "" : " excl");
            case Op.Shuffle s -> "shuffle " + s.groups();
            case Op.Slice s -> "slice " + s.start() + ":" + (s.start() + s.count());
            case Op.Linear l -> "fc" + (l.bias() ? " +b" : "") + l.activation().suffix();
            case Op.Add a -> "add" + a.activation().suffix();
            case Op.View v -> "view " + v.channels().size();
            case Op.Input i -> op.kind();
            case Op.BatchNorm b -> op.kind();
            case Op.Activate a -> op.kind();
            case Op.Scale s -> op.kind();
            case Op.Concat c -> op.kind();
            case Op.GlobalAvgPool p -> op.kind();
            case Op.Flatten f -> op.kind();
            case Op.Softmax s -> op.kind();
        };
    }
}
