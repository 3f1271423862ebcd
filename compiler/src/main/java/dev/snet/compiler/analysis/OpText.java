package dev.snet.compiler.analysis;

import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ops.Ops;

/** A short human description of an op for tables and dumps: "conv 3x3/2 g3", "avgpool 3x3/2 p1". */
public final class OpText {
    private OpText() {}

    public static String describe(Op op) {
        return Ops.of(op).describe(op);
    }
}
