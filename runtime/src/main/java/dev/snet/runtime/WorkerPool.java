package dev.snet.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads that split a range of work with the caller, allocating nothing per
 * call: compiled models use it to run samples of a batch, or output channels of a layer, in
 * parallel. The caller takes the first share itself; workers spin briefly, then park.
 */
public final class WorkerPool implements AutoCloseable {
    /** A share of the work: items [from, to), run by worker {@code worker} (0 is the caller). */
    @FunctionalInterface
    public interface Task {
        void run(int worker, int from, int to);
    }

    /** No extra threads: everything runs on the caller. */
    public static final WorkerPool SINGLE = new WorkerPool(1);

    private static final int SPINS = 20_000;

    private final Thread[] workers;
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Task task;
    private volatile int items;
    private volatile boolean closed;
    private volatile Thread caller;
    private volatile Throwable failure;

    public WorkerPool(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int index = i + 1;
            workers[i] = new Thread(() -> work(index), "snet-worker-" + index);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    public int threads() { return workers.length + 1; }

    /** Ids of the worker threads (not the caller's), for allocation accounting. */
    public long[] workerIds() {
        long[] ids = new long[workers.length];
        for (int i = 0; i < workers.length; i++) ids[i] = workers[i].threadId();
        return ids;
    }

    /** Runs {@code task} over [0, n), split evenly between the caller and the workers; returns when all are done. */
    public void run(int n, Task t) {
        if (workers.length == 0 || n <= 1) {
            t.run(0, 0, n);
            return;
        }
        task = t;
        items = n;
        caller = Thread.currentThread();
        pending.set(workers.length);
        generation.incrementAndGet();
        for (Thread w : workers) LockSupport.unpark(w);
        t.run(0, 0, share(n, 1));
        int spins = 0;
        while (pending.get() > 0) {
            if (++spins < SPINS) Thread.onSpinWait();
            else LockSupport.park(this);
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
            throw new IllegalStateException(f);
        }
    }

    private int share(int n, int part) { return (int) ((long) n * part / threads()); }

    private void work(int index) {
        int seen = 0;
        while (!closed) {
            int spins = 0;
            while (generation.get() == seen && !closed) {
                if (++spins < SPINS) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            if (closed) return;
            seen = generation.get();
            int n = items;
            try {
                task.run(index, share(n, index), share(n, index + 1));
            } catch (Throwable t) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
        }
    }

    @Override
    public void close() {
        if (this == SINGLE) return;
        closed = true;
        for (Thread w : workers) LockSupport.unpark(w);
    }
}
