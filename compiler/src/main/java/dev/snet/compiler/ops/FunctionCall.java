package dev.snet.compiler.ops;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.ir.Shape;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A call over tensors as its op's {@link TensorFunction} sees it: its arguments (evaluated), and
 * diagnostics placed at the call, at an argument, or where an input tensor comes from. The
 * elaborator implements it.
 */
public interface FunctionCall {
    String name();

    int arguments();

    /** Argument {@code i}'s shape, if it is a tensor. */
    Optional<Shape> tensor(int i);

    /** Argument {@code i}, if it is an integer. */
    OptionalLong integer(int i);

    /** Argument {@code i}, if it is a list: its items, each an integer or null. */
    Optional<List<Long>> integers(int i);

    /** Argument {@code i} as a message names it: "a tensor", "an int", "a list". */
    String kindOf(int i);

    /** Argument {@code i}'s value as written in a message. */
    String text(int i);

    /** A note at where argument {@code argument}, a tensor, comes from. */
    record Note(int argument, String text) {}

    /** An error at argument {@code at} (or the whole call when it is -1), with notes at inputs' origins. */
    void error(Code code, int at, String message, String label, List<Note> notes, String help);

    /** An argument of the wrong type (SN0204) at argument {@code at}. */
    void typeError(int at, String message);

    /** A value out of range (SN0212) at the call. */
    void rangeError(String message, String help);

    /** Every argument a tensor; otherwise a type error at the first that is not ("`add` takes tensors, not an int"). */
    default boolean allTensors() {
        for (int i = 0; i < arguments(); i++) {
            if (tensor(i).isEmpty()) {
                typeError(i, "`" + name() + "` takes tensors, not " + kindOf(i));
                return false;
            }
        }
        return true;
    }
}
