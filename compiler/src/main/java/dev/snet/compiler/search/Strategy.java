package dev.snet.compiler.search;

import java.util.List;

/**
 * How a search picks what to try next. A strategy draws from its own random generator on the
 * search's thread and sees only the trials finished so far, in number order: the same seed gives
 * the same trials however many workers score them.
 */
public interface Strategy {
    /**
     * Proposes the next generation, calling {@code admit} on each candidate; admit returns false
     * (the candidate is no trial or an infeasible one) for duplicates and candidates outside a cost
     * budget. Returns false when the search is over.
     */
    boolean next(List<Trial> history, Admission admit);

    /** Records a proposed candidate; false if it was rejected before costing anything. */
    interface Admission {
        boolean admit(Candidate c);

        /** Candidates proposed so far, admitted or not (a strategy gives up after too many rejections). */
        int proposed();
    }

    /** How many candidates it plans to score, for progress and ETA (0 if unknown). */
    int planned();
}
