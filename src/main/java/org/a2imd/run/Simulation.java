package org.a2imd.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.a2imd.core.AtomState;
import org.a2imd.core.BlowUpException;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.integrate.Integrator;

/**
 * State, force field and integrator, stepped in a loop that observers watch. Stops cleanly when asked
 * (Ctrl-C, SIGTERM), and stops with a {@link SimulationFailure} naming the step and atom when the
 * dynamics blows up.
 */
public final class Simulation {
    /** How a run ended. */
    public enum Outcome { COMPLETED, INTERRUPTED }

    private final AtomState state;
    private final ForceEvaluator forces;
    private final Integrator integrator;
    private final List<Observer> observers = new ArrayList<>();
    private long step;
    private long lastStep;
    private volatile boolean stopRequested;
    private boolean failed;
    private ProgressListener progress = ProgressListener.NONE;

    public Simulation(AtomState state, ForceEvaluator forces, Integrator integrator) {
        this.state = state;
        this.forces = forces;
        this.integrator = integrator;
    }

    public AtomState state() {
        return state;
    }

    public ForceEvaluator forces() {
        return forces;
    }

    public Integrator integrator() {
        return integrator;
    }

    /** Steps done since the start of the run (continued across restarts). */
    public long step() {
        return step;
    }

    /** Sets the step counter (restarts). */
    public void setStep(long step) {
        this.step = step;
    }

    public double time() {
        return step * integrator.timestep();
    }

    /** The step at which the run ends. */
    public long lastStep() {
        return lastStep;
    }

    /**
     * Adds an observer. Checkpoint writers always stay last, so a checkpoint records output files that
     * already hold the step it was written at.
     */
    public void addObserver(Observer o) {
        int at = observers.size();
        if (!(o instanceof CheckpointObserver)) {
            while (at > 0 && observers.get(at - 1) instanceof CheckpointObserver) {
                at--;
            }
        }
        observers.add(at, o);
    }

    private double conservedReference = Double.NaN;
    private double conservedScale = Double.NaN;

    /** Conserved energy at the start of the run (NaN before the energy watchdog took it); kept in checkpoints. */
    public double conservedReference() {
        return conservedReference;
    }

    /** Energy scale (k_B T) of the energy watchdog. */
    public double conservedScale() {
        return conservedScale;
    }

    public void setConservedReference(double reference, double scale) {
        this.conservedReference = reference;
        this.conservedScale = scale;
    }

    /** True once the run has blown up; observers must then not overwrite the last good checkpoint. */
    public boolean failed() {
        return failed;
    }

    public List<Observer> observers() {
        return observers;
    }

    public void setProgressListener(ProgressListener p) {
        this.progress = p;
    }

    /** Asks the loop to stop after the current step (thread-safe; used by signal handlers). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Runs until the step counter reaches {@code lastStep}. The starting configuration is observed
     * first (unless this is a continuation, whose start was observed by the run that wrote it).
     */
    public Outcome run(long lastStep, boolean continuation) throws IOException {
        this.lastStep = lastStep;
        requestOutputs(step);
        try {
            integrator.init(state, forces);
        } catch (BlowUpException e) {
            throw new SimulationFailure(step, e.atom(), e.getMessage());
        }
        checkFinite();
        Outcome outcome = Outcome.COMPLETED;
        try {
            // Inside the try: an observer may stop the run at the start too (deviation_stop).
            for (Observer o : observers) {
                o.start(this);
            }
            if (!continuation) {
                for (Observer o : observers) {
                    o.observe(this);
                }
            }
            progress.started(step, lastStep);
            while (step < lastStep) {
                if (stopRequested) {
                    outcome = Outcome.INTERRUPTED;
                    break;
                }
                requestOutputs(step + 1);
                try {
                    integrator.step(state, forces);
                } catch (BlowUpException e) {
                    throw new SimulationFailure(step + 1, e.atom(), e.getMessage());
                }
                step++;
                checkFinite();
                for (Observer o : observers) {
                    o.observe(this);
                }
                progress.advanced(step);
            }
            if (!forces.hasEnergy()) {
                // The last step was unobserved; final observers (checkpoint, final frame) want energies.
                forces.requestEnergy(true);
                forces.evaluate(state, false);
            }
        } catch (IOException | RuntimeException e) {
            // Also an output that could not be written: the finishing observers must not write a checkpoint
            // or final frame of a state whose outputs are incomplete (the last good checkpoint stays).
            failed = true;
            throw e;
        } finally {
            progress.finished();
            for (Observer o : observers) {
                o.finish(this);
            }
        }
        return outcome;
    }

    /** Tells the force evaluator what the observers of the coming step read, so it skips the rest. */
    private void requestOutputs(long nextStep) {
        boolean atoms = false;
        boolean energy = false;
        for (Observer o : observers) {
            atoms |= o.wantsAtomEnergies(nextStep);
            energy |= o.wantsEnergy(this, nextStep);
        }
        forces.requestAtomEnergies(atoms);
        forces.requestEnergy(energy || nextStep == lastStep);
    }

    /** Non-finite energy, forces or velocities mean the run has blown up: name the first bad atom. */
    private void checkFinite() {
        if (forces.hasEnergy() && !Double.isFinite(forces.energy())) {
            int atom = firstNonFiniteAtom();
            throw new SimulationFailure(step, atom, "potential energy is " + forces.energy()
                    + (atom >= 0 ? "; first non-finite force or velocity on atom " + (atom + 1) : ""));
        }
        int atom = firstNonFiniteAtom();
        if (atom >= 0) {
            throw new SimulationFailure(step, atom, String.format("atom %d has a non-finite force or velocity "
                    + "(f = %s %s %s, v = %s %s %s)", atom + 1,
                    state.force[3 * atom], state.force[3 * atom + 1], state.force[3 * atom + 2],
                    state.vel[3 * atom], state.vel[3 * atom + 1], state.vel[3 * atom + 2]));
        }
    }

    private int firstNonFiniteAtom() {
        double[] f = state.force;
        double[] v = state.vel;
        for (int i = 0; i < state.n; i++) {
            // Sum is non-finite iff some term is; one test per atom keeps this pass cheap.
            double s = f[3 * i] + f[3 * i + 1] + f[3 * i + 2] + v[3 * i] + v[3 * i + 1] + v[3 * i + 2];
            if (!Double.isFinite(s) && !allFinite(f, v, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean allFinite(double[] f, double[] v, int i) {
        for (int c = 0; c < 3; c++) {
            if (!Double.isFinite(f[3 * i + c]) || !Double.isFinite(v[3 * i + c])) {
                return false;
            }
        }
        return true;
    }
}
