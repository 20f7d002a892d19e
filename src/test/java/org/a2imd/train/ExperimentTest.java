package org.a2imd.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {
    @TempDir
    Path dir;

    @Test
    void experiment() throws Exception {
        Path data = dir.resolve("lj.extxyz");
        TrainTestData.writeLj(data, 24, 11, 0.06, "Ar");
        String[] cfg = System.getProperty("exp", "3e-3,2,1,12").split(";");
        try (WorkerPool pool = new WorkerPool(2)) {
            Dataset all = new Dataset(DataReader.convert(DataReader.read(data), List.of("Ar"), TrainTestData.CUTOFF,
                    Units.LJ, true, true, false, pool));
            System.out.println("neigh " + all.meanNeighbours());
            for (String c : cfg) {
                String[] p = c.split(",");
                double lr = Double.parseDouble(p[0]);
                int batch = Integer.parseInt(p[1]);
                int layers = Integer.parseInt(p[2]);
                int epochs = Integer.parseInt(p[3]);
                ModelSettings ms = new ModelSettings(TrainTestData.CUTOFF, 6, 8, 2, layers, 8, 8, 8, 6, 8.0, 3);
                Path out = Files.createDirectories(dir.resolve("o" + c.hashCode()));
                Trainer t = new Trainer(Units.LJ, List.of("Ar"), ms, new LossWeights(1, 1, 0),
                        OptimizerSettings.cosine(lr, epochs, batch, 9), all.split(0.25, 0, 5),
                        new Trainer.Outputs(out.resolve("m"), out.resolve("c"), out.resolve("k")), pool);
                long t0 = System.nanoTime();
                t.run(false);
                List<String> curve = Files.readAllLines(out.resolve("c"));
                System.out.printf("%s: %.1f s  first %s%n   last %s%n", c, (System.nanoTime() - t0) * 1e-9, curve.get(1),
                        curve.get(curve.size() - 1));
            }
        }
    }
}
