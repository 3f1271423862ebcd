package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Op;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a `.snet` call over several tensors writes an op ({@code add(a, b)}, {@code concat(a, b)},
 * {@code split(x, 2)}, {@code scale(x, s)}): from the call's arguments, checked through a
 * {@link FunctionCall}, the nodes it adds. Each node's shape comes from its op's shape rule.
 * {@code tuple}: the call gives a list of tensors ({@code a, b = split(x, 2)}), even of one.
 */
public record TensorFunction(String keyword, boolean tuple, Function<FunctionCall, Optional<List<Applied>>> apply) {

    /** One node the call adds: its op and which of the call's arguments are its inputs. */
    public record Applied(Op op, List<Integer> arguments) {
        public Applied {
            arguments = List.copyOf(arguments);
        }
    }
}
