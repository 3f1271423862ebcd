package dev.snet.runtime.weights;

/** A weights file that cannot be used; the message is one line naming the file and the tensor. */
public final class WeightsException extends Exception {
    public WeightsException(String message) { super(message); }
}
