package dev.snet.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Makes a second thread entering a model's {@code run} while another is inside it fail at once,
 * instead of both silently computing garbage in the one arena they share. One compare-and-set on
 * entry and a plain write on exit: a few nanoseconds against an inference's milliseconds.
 */
public final class Exclusive {
    private static final VarHandle BUSY;

    static {
        try {
            BUSY = MethodHandles.lookup().findVarHandle(Exclusive.class, "busy", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused")  // through BUSY
    private volatile boolean busy;

    private final String what;

    public Exclusive(String what) { this.what = what; }

    public void enter() {
        if (!BUSY.compareAndSet(this, false, true)) {
            throw new IllegalStateException(what + " is not thread-safe and is already running on another thread:"
                    + " create one instance per thread, or share a ParallelModel and call it from one thread");
        }
    }

    public void exit() { busy = false; }
}
