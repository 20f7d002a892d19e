package org.a2imd.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that runs one task on every thread and waits for all of them: the
 * fork-join of an MD step without per-step allocation. The calling thread works as thread 0.
 * Work partitions are static (thread t of T takes the t-th slice), so results are reproducible for a
 * fixed thread count.
 */
public final class WorkerPool implements AutoCloseable {
    /** One parallel region: called once on each thread with its index and the team size. */
    @FunctionalInterface
    public interface Task {
        void run(int thread, int threads);
    }

    private static final int SPINS = 20_000;

    private final int threads;
    private final Thread[] workers;
    private volatile Task task;
    private volatile long generation;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread waiter;
    private volatile boolean closed;
    private volatile Throwable failure;

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++) {
            final int id = t;
            Thread w = new Thread(() -> workerLoop(id), "a2imd-worker-" + t);
            w.setDaemon(true);
            workers[t - 1] = w;
            w.start();
        }
    }

    /** A pool with one thread per available processor. */
    public static WorkerPool allCores() {
        return new WorkerPool(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /** Runs the task on all threads and returns when every thread has finished. Not reentrant. */
    public void run(Task t) {
        if (threads == 1) {
            t.run(0, 1);
            return;
        }
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        failure = null;
        task = t;
        waiter = Thread.currentThread();
        pending.set(threads - 1);
        generation++;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        Throwable own = null;
        try {
            t.run(0, threads);
        } catch (Throwable e) {
            own = e;
        }
        int spins = 0;
        while (pending.get() > 0) {
            if (spins++ < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 100_000);
            }
        }
        task = null;
        Throwable f = own != null ? own : failure;
        if (f != null) {
            if (f instanceof RuntimeException) {
                throw (RuntimeException) f;
            }
            if (f instanceof Error) {
                throw (Error) f;
            }
            throw new RuntimeException(f);
        }
    }

    /** Start index of slice {@code part} when {@code n} items are split into {@code parts} slices. */
    public static int sliceStart(int n, int part, int parts) {
        return (int) ((long) n * part / parts);
    }

    private void workerLoop(int id) {
        long seen = 0;
        while (!closed) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (spins++ < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                task.run(id, threads);
            } catch (Throwable e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(waiter);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
