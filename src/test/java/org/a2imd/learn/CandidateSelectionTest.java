package org.a2imd.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidateSelectionTest {
    @TempDir
    Path dir;

    @Test
    void quotaIsProportionalAndNeverAboveWhatIsThere() {
        assertArrayEquals(new int[] {3, 0, 5}, CandidateSelection.quota(new int[] {3, 0, 5}, 10));
        int[] q = CandidateSelection.quota(new int[] {90, 10, 0}, 10);
        assertArrayEquals(new int[] {9, 1, 0}, q);
        int[] r = CandidateSelection.quota(new int[] {5, 5, 5}, 7);
        assertEquals(7, r[0] + r[1] + r[2]);
        for (int v : r) {
            assertEquals(true, v == 2 || v == 3);
        }
    }

    @Test
    void spreadTakesEvenlySpacedFramesNotConsecutiveOnes() {
        assertEquals(List.of(5, 15, 25, 35), CandidateSelection.spread(40, 4));
        assertEquals(List.of(0, 1, 2), CandidateSelection.spread(3, 5));
        assertEquals(List.of(), CandidateSelection.spread(10, 0));
    }

    @Test
    void deviationLogCountsTheWindowAndMissingFramesAsFailed() throws IOException {
        Path f = dir.resolve("devi.txt");
        Files.writeString(f, "# step devi_e devi_f_max devi_f_min devi_f_mean atom\n"
                + "0 0.001 0.01 0.0 0.005 3\n10 0.001 0.05 0.0 0.01 4\n20 0.002 0.2 0.0 0.1 1\n30 0.1 1.5 0.1 0.5 2\n");
        DeviationLog log = DeviationLog.read(f);
        assertEquals(4, log.frames());
        assertEquals(30, log.lastStep());
        DeviationLog.Counts c = log.counts(0.05, 1.0, 2);
        assertEquals(1, c.accurate()); // 0.05 is not below lo: a candidate
        assertEquals(2, c.candidate());
        assertEquals(3, c.failed());
        assertEquals(0.5, c.fraction(c.failed()), 1e-15);
    }

    @Test
    void deviationLogWithoutHeaderIsAnInputError() throws IOException {
        Path f = dir.resolve("devi.txt");
        Files.writeString(f, "0 0.1 0.2\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.a2imd.core.InputException.class,
                () -> DeviationLog.read(f));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("devi_f_max"), e.getMessage());
    }
}
