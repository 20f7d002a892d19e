package org.a2imd.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.a2imd.core.WorkerPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Trains the members of a committee ("committee members K" in a training deck) in parallel: up to
 * {@code concurrent} members at a time, each on a {@link WorkerPool} of its own with
 * {@code threadsPerMember} threads and its own copies of the frames (training moves atoms in place), so
 * a member gives bit for bit the model of training it alone with its seeds at that thread count. Log
 * lines of a member carry the prefix "[m<k>] " (logging context key {@code member}).
 */
public final class CommitteeTraining {
    private static final Logger LOG = LoggerFactory.getLogger(CommitteeTraining.class);

    /** Called in the member's thread after it trained (not when interrupted or skipped). */
    public interface AfterMember {
        void done(int member, Trainer trainer, WorkerPool pool) throws Exception;
    }

    private final TrainingSetup.Plan plan;
    private final int threadsPerMember;
    private final int concurrent;
    private final List<Trainer> running = new ArrayList<>();
    private volatile boolean stopRequested;

    public CommitteeTraining(TrainingSetup.Plan plan, int threadsPerMember, int concurrent) {
        if (threadsPerMember < 1 || concurrent < 1) {
            throw new IllegalArgumentException("threads per member and concurrent members must be at least 1");
        }
        this.plan = plan;
        this.threadsPerMember = threadsPerMember;
        this.concurrent = Math.min(concurrent, plan.members());
    }

    /**
     * Threads per member and members at a time for {@code threads} threads in all: the deck's
     * threads_per_member, else an equal share (at least one); as many members at a time as that allows.
     */
    public static CommitteeTraining forThreads(TrainingSetup.Plan plan, int threads) {
        int k = plan.members();
        int per = plan.threadsPerMember() > 0 ? plan.threadsPerMember() : Math.max(1, threads / k);
        return new CommitteeTraining(plan, per, Math.max(1, threads / per));
    }

    public int threadsPerMember() {
        return threadsPerMember;
    }

    public int concurrent() {
        return concurrent;
    }

    /** Asks every running member to stop after its current batch; members not started yet are not started. */
    public void requestStop() {
        stopRequested = true;
        synchronized (running) {
            for (Trainer t : running) {
                t.requestStop();
            }
        }
    }

    /**
     * Trains every member (with {@code resume}: continues each from its checkpoint, skips one already
     * finished, starts afresh one without a checkpoint). Returns the outcome of each member, in order; a
     * member that failed stops the others and its exception is thrown (the first member's, in member order).
     */
    public List<Trainer.Outcome> run(boolean resume, AfterMember after) throws Exception {
        int k = plan.members();
        ExecutorService exec = Executors.newFixedThreadPool(concurrent, r -> {
            Thread t = new Thread(r, "a2imd-committee");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Trainer.Outcome>> futures = new ArrayList<>();
            for (int m = 1; m <= k; m++) {
                int member = m;
                futures.add(exec.submit(() -> member(member, resume, after)));
            }
            List<Trainer.Outcome> out = new ArrayList<>();
            Exception failure = null;
            for (Future<Trainer.Outcome> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof Exception x ? x : new RuntimeException(e.getCause());
                        requestStop();
                    }
                    out.add(Trainer.Outcome.INTERRUPTED);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return out;
        } finally {
            exec.shutdownNow();
        }
    }

    private Trainer.Outcome member(int m, boolean resume, AfterMember after) throws Exception {
        MDC.put("member", "[m" + m + "] ");
        try (WorkerPool pool = new WorkerPool(threadsPerMember)) {
            if (stopRequested) {
                return Trainer.Outcome.INTERRUPTED;
            }
            Trainer t = plan.member(m, pool);
            boolean fromCheckpoint = resume && java.nio.file.Files.isRegularFile(t.outputs().checkpoint());
            if (fromCheckpoint && t.checkpointComplete()) {
                LOG.info("member {} finished already ({}): skipped", m, t.outputs().model());
                return Trainer.Outcome.COMPLETED;
            }
            if (resume && !fromCheckpoint) {
                LOG.info("member {} has no checkpoint {}: starting it afresh", m, t.outputs().checkpoint());
            }
            synchronized (running) {
                if (stopRequested) {
                    return Trainer.Outcome.INTERRUPTED;
                }
                running.add(t);
            }
            LOG.info("member {} of {}: {} thread(s), model {}", m, plan.members(), threadsPerMember,
                    t.outputs().model());
            Trainer.Outcome o = t.run(fromCheckpoint);
            if (o != Trainer.Outcome.INTERRUPTED && after != null) {
                after.done(m, t, pool);
            }
            return o;
        } finally {
            MDC.remove("member");
        }
    }
}
