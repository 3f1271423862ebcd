package dev.snet.compiler.sema;

/** Ends elaboration early when the model exceeds a size limit; the diagnostic is already reported. */
final class SemaException extends RuntimeException {
    SemaException() { super(null, null, false, false); }
}
