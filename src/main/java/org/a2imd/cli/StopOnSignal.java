package org.a2imd.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a long job so that Ctrl-C and SIGTERM stop it cleanly: the JVM's shutdown hook asks the job to
 * stop, then waits until the job has returned (written its checkpoint, flushed its files).
 */
final class StopOnSignal {
    private StopOnSignal() {
    }

    static <T> T run(String name, Runnable requestStop, Callable<T> job) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            requestStop.run();
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return job.call();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutdown under way: the hook is running and has just been released.
            }
        }
    }
}
