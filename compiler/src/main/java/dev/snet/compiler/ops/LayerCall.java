package dev.snet.compiler.ops;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.ir.Shape;

/**
 * A pipeline step's bound arguments and input, as an op's {@link Layer} builds from them. Each
 * accessor reports a value out of its range as an error at the step and remembers the failure;
 * so do the checks below. The elaborator implements it.
 */
public interface LayerCall {
    /** The step's keyword, as written. */
    String name();

    /** The input's shape. */
    Shape input();

    /** An integer argument, which must lie in [min, max]. */
    int integer(String name, long min, long max);

    boolean bool(String name);

    /** A float argument that must be positive. */
    double positive(String name);

    /** The output size of a window over {@code size} ({@code what}: "height" or "width"); an error when it is empty. */
    int outputSize(int size, int kernel, int stride, int pad, String what);

    /** An error at the step that points at where its input comes from (that note) as well. */
    void errorAtInput(Code code, String message, String label, String inputNote, String help);

    /** A value out of range (SN0212). */
    void rangeError(String message, String help);

    /** An input of the wrong rank (SN0305). */
    void rankError(String message, String help);

    /** Whether anything reported so far failed: the op is not built then. */
    boolean failed();
}
