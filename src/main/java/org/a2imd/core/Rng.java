package org.a2imd.core;

/**
 * A small, fast, seedable random stream (xoshiro256++ seeded through splitmix64) whose whole state
 * is a few numbers, so checkpoints can save and restore it exactly and restarts stay bit-identical.
 * Not thread-safe: give each consumer its own stream.
 */
public final class Rng {
    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private boolean haveSpare;
    private double spare;

    public Rng(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = mix(x);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s0 + s3, 23) + s0;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        // Lemire's unbiased method is overkill here; rejection on the top bits keeps it exact.
        long limit = (1L << 31) - ((1L << 31) % bound);
        while (true) {
            long r = nextLong() >>> 33;
            if (r < limit) {
                return (int) (r % bound);
            }
        }
    }

    /** Standard normal deviate (Marsaglia polar method; the second value is kept for the next call). */
    public double nextGaussian() {
        if (haveSpare) {
            haveSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * f;
        haveSpare = true;
        return u * f;
    }

    /** The complete state: four words of the generator plus the cached normal deviate. */
    public long[] saveState() {
        return new long[] {s0, s1, s2, s3, haveSpare ? 1 : 0, Double.doubleToRawLongBits(spare)};
    }

    public void restoreState(long[] state) {
        if (state.length != 6) {
            throw new IllegalArgumentException("random-stream state must have 6 words, got " + state.length);
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
        haveSpare = state[4] != 0;
        spare = Double.longBitsToDouble(state[5]);
    }
}
