package org.a2imd.learn;

import java.util.ArrayList;
import java.util.List;

/**
 * Which candidates to label: at most K per iteration, shared among the state points in proportion to their
 * candidate counts (largest remainders), and within a state point evenly spread over the run, so that K
 * consecutive, nearly identical frames are never all taken.
 */
final class CandidateSelection {
    private CandidateSelection() {
    }

    /** How many of each state point's candidates to take, at most {@code max} in all. */
    static int[] quota(int[] available, int max) {
        long total = 0;
        for (int a : available) {
            total += a;
        }
        int[] q = new int[available.length];
        if (total <= max) {
            return available.clone();
        }
        double[] rem = new double[available.length];
        int given = 0;
        for (int s = 0; s < q.length; s++) {
            double exact = (double) max * available[s] / total;
            q[s] = (int) Math.floor(exact);
            rem[s] = exact - q[s];
            given += q[s];
        }
        while (given < max) {
            int best = -1;
            for (int s = 0; s < q.length; s++) {
                if (q[s] < available[s] && (best < 0 || rem[s] > rem[best])) {
                    best = s;
                }
            }
            q[best]++;
            rem[best] = -1;
            given++;
        }
        return q;
    }

    /** {@code k} indices out of {@code n} frames in time order, evenly spread: the centres of k equal blocks. */
    static List<Integer> spread(int n, int k) {
        List<Integer> out = new ArrayList<>();
        if (k <= 0 || n <= 0) {
            return out;
        }
        if (k >= n) {
            for (int i = 0; i < n; i++) {
                out.add(i);
            }
            return out;
        }
        for (int j = 0; j < k; j++) {
            out.add((int) Math.floor((j + 0.5) * n / k));
        }
        return out;
    }
}
