package org.a2imd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * (RMSE and MAE of energy per atom, per-atom energies, force components and, for frames with a virial,
 * the virial part of the pressure and the virial components per atom, also relative to the spread of the
 * data), printed as text; with --out also PREFIX.txt, PREFIX.json and parity plots PREFIX-energy.png,
 * PREFIX-forces.png, PREFIX-atom_energies.png, PREFIX-pressure.png.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Errors of an A2I model on labelled extended-XYZ data.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A2I model file")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "DATA", description = "extended-XYZ frames with energy, forces, "
            + "per-atom energies and/or virial (or ASE's stress)")
    Path dataFile;

    @Option(names = "--out", paramLabel = "PREFIX", description = "also write PREFIX.txt, PREFIX.json and parity plots PREFIX-*.png")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--also", paramLabel = "MODEL",
            description = "another model to evaluate on the same data (repeatable); with --out its errors follow in "
                    + "PREFIX.txt, go to PREFIX.also-K.json, and the parity plots show all models")
    List<Path> also = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        int nThreads = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        List<Path> models = new ArrayList<>();
        models.add(modelFile);
        models.addAll(also);
        try (WorkerPool pool = new WorkerPool(nThreads)) {
            List<DataReader.Raw> raw = DataReader.read(dataFile);
            List<ErrorReport> reports = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            Units u = null;
            for (Path file : models) {
                A2IModel model = A2IModelFile.read(file);
                if (u != null && model.units() != u) {
                    throw new InputException(file.toString(), 1, "model units " + model.units().id + " differ from "
                            + u.id + " of " + modelFile);
                }
                u = model.units();
                Dataset data = new Dataset(DataReader.convert(raw, model.species(), model.cutoff(), model.units(),
                        false, false, false, pool));
                ErrorReport r = ErrorReport.of(new A2IForceField(model), data, pool);
                if (r.energy() == null && r.forces() == null && r.atomEnergies() == null && r.virial() == null) {
                    throw new InputException(dataFile.toString(), 1, "no frame has an energy, forces, per-atom "
                            + "energies or a virial to compare the model with");
                }
                reports.add(r);
                String t = r.text("A2I model " + file + " on " + dataFile + " (units " + u.id + ")", u.energy,
                        u.energy + "/" + u.length);
                text.append(t);
                System.out.print(t);
                System.out.flush();
            }
            if (out != null) {
                AtomicFiles.write(sibling(out, ".txt"), text.toString());
                for (int k = 0; k < models.size(); k++) {
                    AtomicFiles.write(sibling(out, k == 0 ? ".json" : ".also-" + k + ".json"),
                            reports.get(k).json(models.get(k).toString(), dataFile.toString(), u.id));
                }
                List<String> labels = new ArrayList<>();
                for (Path m : models) {
                    labels.add(m.getFileName().toString());
                }
                String force = u.energy + "/" + u.length;
                plot(labels, reports, ErrorReport::energyValues, "energy per atom", u.energy, sibling(out, "-energy.png"));
                plot(labels, reports, ErrorReport::atomEnergyValues, "per-atom energies", u.energy,
                        sibling(out, "-atom_energies.png"));
                plot(labels, reports, ErrorReport::forceValues, "force components", force, sibling(out, "-forces.png"));
                plot(labels, reports, ErrorReport::pressureValues, "pressure (virial part)", u.pressure,
                        sibling(out, "-pressure.png"));
            }
            return 0;
        }
    }

    private static void plot(List<String> labels, List<ErrorReport> reports,
            java.util.function.Function<ErrorReport, ErrorReport.Values> which, String title, String unit, Path png) {
        List<String> l = new ArrayList<>();
        List<ErrorReport.Values> v = new ArrayList<>();
        for (int k = 0; k < reports.size(); k++) {
            ErrorReport.Values x = which.apply(reports.get(k));
            if (x.size() > 0) {
                l.add(labels.get(k));
                v.add(x);
            }
        }
        if (v.isEmpty()) {
            return;
        }
        try {
            Plots.parity(l, v, title, unit, png);
        } catch (Exception | LinkageError | java.awt.AWTError e) {
            LoggerFactory.getLogger(EvaluateCommand.class).warn("could not draw {}: {}", png, e.toString());
        }
    }

    static Path sibling(Path prefix, String suffix) {
        Path abs = prefix.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + suffix);
    }
}
