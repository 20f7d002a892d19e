package org.a2imd.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.a2imd.core.InputException;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.train.AtomicFiles;
import org.a2imd.train.DataReader;
import org.a2imd.train.Dataset;
import org.a2imd.train.ErrorReport;
import org.a2imd.train.Plots;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a2imd evaluate MODEL DATA [--out PREFIX]}: errors of an A2I model on labelled extended-XYZ data
 * (RMSE and MAE of energy per atom, per-atom energies and force components, also relative to the
 * spread of the data), printed as text; with --out also PREFIX.txt, PREFIX.json and parity
 * plots PREFIX-energy.png, PREFIX-forces.png, PREFIX-atom_energies.png.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Errors of an A2I model on labelled extended-XYZ data.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A2I model file")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "DATA", description = "extended-XYZ frames with energy, forces and/or "
            + "per-atom energies")
    Path dataFile;

    @Option(names = "--out", paramLabel = "PREFIX", description = "also write PREFIX.txt, PREFIX.json and parity plots PREFIX-*.png")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        A2IModel model = A2IModelFile.read(modelFile);
        int nThreads = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        try (WorkerPool pool = new WorkerPool(nThreads)) {
            List<DataReader.Raw> raw = DataReader.read(dataFile);
            Dataset data = new Dataset(DataReader.convert(raw, model.species(), model.cutoff(), model.units(), false,
                    false, false, pool));
            ErrorReport r = ErrorReport.of(new A2IForceField(model), data, pool);
            if (r.energy() == null && r.forces() == null && r.atomEnergies() == null) {
                throw new InputException(dataFile.toString(), 1, "no frame has an energy, forces or per-atom energies "
                        + "to compare the model with");
            }
            Units u = model.units();
            String text = r.text("A2I model " + modelFile + " on " + dataFile + " (units " + u.id + ")", u.energy,
                    u.energy + "/" + u.length);
            System.out.print(text);
            System.out.flush();
            if (out != null) {
                AtomicFiles.write(sibling(out, ".txt"), text);
                AtomicFiles.write(sibling(out, ".json"), r.json(modelFile.toString(), dataFile.toString(), u.id));
                plot(r.energyValues(), "energy per atom", u.energy, sibling(out, "-energy.png"));
                plot(r.atomEnergyValues(), "per-atom energies", u.energy, sibling(out, "-atom_energies.png"));
                plot(r.forceValues(), "force components", u.energy + "/" + u.length, sibling(out, "-forces.png"));
            }
            return 0;
        }
    }

    private static void plot(ErrorReport.Values v, String title, String unit, Path png) {
        if (v.size() == 0) {
            return;
        }
        try {
            Plots.parity(v, title, unit, png);
        } catch (Exception | LinkageError | java.awt.AWTError e) {
            LoggerFactory.getLogger(EvaluateCommand.class).warn("could not draw {}: {}", png, e.toString());
        }
    }

    static Path sibling(Path prefix, String suffix) {
        Path abs = prefix.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + suffix);
    }
}
