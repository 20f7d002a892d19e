package org.a2imd.integrate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.a2imd.core.AtomState;
import org.a2imd.core.Rng;

/**
 * The deterministic pieces that the integrators are built from, as loops over the primitive arrays of
 * an {@link AtomState}: kicks (velocities from forces), drifts (positions from velocities) and argument
 * checks. Units: acceleration = f / m * ftm2v, so a kick of length h adds h * f / m * ftm2v.
 */
final class Motion {
    private Motion() {
    }

    /** v += h * f / m (the "B" step). */
    static void kick(AtomState s, double h) {
        double hf = h * s.units.ftm2v();
        double[] v = s.vel;
        double[] f = s.force;
        double[] m = s.mass;
        for (int i = 0; i < s.n; i++) {
            double c = hf / m[i];
            v[3 * i] += c * f[3 * i];
            v[3 * i + 1] += c * f[3 * i + 1];
            v[3 * i + 2] += c * f[3 * i + 2];
        }
    }

    /** x += h * v (the "A" step). */
    static void drift(AtomState s, double h) {
        double[] x = s.pos;
        double[] v = s.vel;
        for (int k = 0; k < 3 * s.n; k++) {
            x[k] += h * v[k];
        }
    }

    /** Multiplies every velocity by a. */
    static void scaleVelocities(AtomState s, double a) {
        double[] v = s.vel;
        for (int k = 0; k < 3 * s.n; k++) {
            v[k] *= a;
        }
    }

    static double positive(String what, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive number, got " + value);
        }
        return value;
    }

    static double nonNegative(String what, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be zero or positive, got " + value);
        }
        return value;
    }

    /** Writes a random stream's complete state (6 words). */
    static void writeRng(DataOutput out, Rng rng) throws IOException {
        for (long w : rng.saveState()) {
            out.writeLong(w);
        }
    }

    static void readRng(DataInput in, Rng rng) throws IOException {
        long[] w = new long[6];
        for (int k = 0; k < w.length; k++) {
            w[k] = in.readLong();
        }
        rng.restoreState(w);
    }

    /** Reads the kind tag that starts every integrator state and checks that it is {@code expected}. */
    static void expectTag(DataInput in, String expected) throws IOException {
        String tag = in.readUTF();
        if (!tag.equals(expected)) {
            throw new IOException("restart holds the state of integrator '" + tag + "', not '" + expected + "'");
        }
    }
}
