package dev.snet.compiler.sema;

import dev.snet.compiler.source.SourceSpan;
import java.util.List;

/**
 * One dimension of a search space: a {@code choice [...]} reached during elaboration, named by the
 * parameter or {@code let} it initialises (prefixed by its layer scope inside blocks and repeats).
 */
public record ChoiceDim(String name, List<String> options, String chosen, boolean assigned, SourceSpan span) {
    public ChoiceDim {
        options = List.copyOf(options);
    }
}
