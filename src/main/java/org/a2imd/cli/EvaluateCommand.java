package org.a2imd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.a2imd.core.InputException;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.nnp.CommitteeForceField;
import org.a2imd.train.AtomicFiles;
import org.a2imd.train.DataReader;
import org.a2imd.train.DeviationReport;
import org.a2imd.train.Dataset;
import org.a2imd.train.ErrorReport;
import org.a2imd.train.Plots;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a2imd evaluate MODEL [MODEL...] DATA [--out PREFIX]}: errors of an A2I model, or of a committee's
 * mean (several MODEL files, as in {@code potential a2i file M1 M2 ...}), on labelled extended-XYZ data
 * (RMSE and MAE of energy per atom, per-atom energies, force components and, for frames with a virial,
 * the virial part of the pressure and the virial components per atom, also relative to the spread of the
 * data), printed as text; with --out also PREFIX.txt, PREFIX.json and parity plots PREFIX-energy.png,
 * PREFIX-forces.png, PREFIX-atom_energies.png, PREFIX-pressure.png. A committee also reports its model
 * deviation next to the true error ({@link DeviationReport}): PREFIX-deviation.csv and PREFIX-deviation.png.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        customSynopsis = "a2imd evaluate [-hV] [--out=PREFIX] [--threads=N] [--also=MODEL]... "
                + "[--error-threshold=X] [--deviation-threshold=Y] MODEL [MODEL...] DATA",
        description = {"Errors of an A2I model, or of a committee's mean, on labelled extended-XYZ data.",
            "Several MODEL files make a committee, in the order of the deck line `potential a2i file M1 M2 ...`: "
                + "its mean energy and forces are evaluated like a single model's, and its model deviation is "
                + "reported next to the true error (per frame max_devi_f = max_i sigma_i against the max force "
                + "error max_i |F_i - F_ref,i|, their Spearman and Pearson correlations, the same per atom, and the "
                + "fraction of frames above an error threshold that the deviation flags). The files are "
                + "positional (not an option such as --committee M2 M3) so that a greedy option cannot swallow "
                + "DATA, and the committee is written as in a run deck."})
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "FILE", description = "MODEL [MODEL...] DATA: one A2I model file, or k >= 2 of the "
            + "same units and species (a committee); then the extended-XYZ frames with energy, forces, per-atom "
            + "energies and/or virial (or ASE's stress)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--out", paramLabel = "PREFIX", description = "also write PREFIX.txt, PREFIX.json and parity plots "
            + "PREFIX-*.png; for a committee also PREFIX-deviation.csv (frame, atoms, max_devi_f, max_force_error, "
            + "devi_e, energy_error_per_atom) and the scatter PREFIX-deviation.png")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--also", paramLabel = "MODEL",
            description = "another model to evaluate on the same data (repeatable); with --out its errors follow in "
                    + "PREFIX.txt, go to PREFIX.also-K.json, and the parity plots show all models")
    List<Path> also = new ArrayList<>();

    @Option(names = "--error-threshold", paramLabel = "X", description = "committee only: a frame whose max force "
            + "error exceeds X counts as inaccurate (force units; default: the median per-frame max force error)")
    Double errorThreshold;

    @Option(names = "--deviation-threshold", paramLabel = "Y", description = "committee only: a frame with "
            + "max_devi_f >= Y is flagged (force units; default: the error threshold, as when picking DeePMD's lo "
            + "from a force error)")
    Double deviationThreshold;

    @Override
    public Integer call() throws Exception {
        int nThreads = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        List<Path> members = files.subList(0, files.size() - 1);
        Path dataFile = files.get(files.size() - 1);
        Path modelFile = members.get(0);
        boolean isCommittee = members.size() > 1;
        if (!isCommittee && (errorThreshold != null || deviationThreshold != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--error-threshold and --deviation-threshold "
                    + "need a committee (several MODEL files before DATA)");
        }
        for (Double t : new Double[] {errorThreshold, deviationThreshold}) {
            if (t != null && !(t >= 0 && Double.isFinite(t))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "thresholds must be finite and >= 0, got "
                        + t);
            }
        }
        List<String> names = new ArrayList<>();
        names.add(isCommittee ? String.join(" ", members.stream().map(Path::toString).toList()) : modelFile.toString());
        for (Path a : also) {
            names.add(a.toString());
        }
        try (WorkerPool pool = new WorkerPool(nThreads)) {
            List<DataReader.Raw> raw = DataReader.read(dataFile);
            List<ErrorReport> reports = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            String deviationJson = "";
            Units u = null;
            DeviationReport deviation = null;
            DeviationReport.Summary summary = null;
            for (int k = 0; k <= also.size(); k++) {
                ErrorReport r;
                String title;
                if (k == 0 && isCommittee) {
                    CommitteeForceField committee = committee(members);
                    A2IModel first = committee.member(0).model();
                    u = first.units();
                    Dataset data = new Dataset(DataReader.convert(raw, first.species(), committee.cutoff(), u,
                            false, false, false, pool));
                    deviation = new DeviationReport(committee);
                    r = ErrorReport.of(committee, u, data, pool, deviation);
                    title = "A2I committee of " + members.size() + " (mean energy: " + String.join(", ",
                            members.stream().map(Path::toString).toList()) + ") on " + dataFile + " (units " + u.id + ")";
                } else {
                    Path file = k == 0 ? modelFile : also.get(k - 1);
                    A2IModel model = A2IModelFile.read(file);
                    if (u != null && model.units() != u) {
                        throw new InputException(file.toString(), 1, "model units " + model.units().id + " differ from "
                                + u.id + " of " + modelFile);
                    }
                    u = model.units();
                    Dataset data = new Dataset(DataReader.convert(raw, model.species(), model.cutoff(), model.units(),
                            false, false, false, pool));
                    r = ErrorReport.of(new A2IForceField(model), data, pool);
                    title = "A2I model " + file + " on " + dataFile + " (units " + u.id + ")";
                }
                if (r.energy() == null && r.forces() == null && r.atomEnergies() == null && r.virial() == null) {
                    throw new InputException(dataFile.toString(), 1, "no frame has an energy, forces, per-atom "
                            + "energies or a virial to compare the model with");
                }
                reports.add(r);
                String t = r.text(title, u.energy, u.energy + "/" + u.length);
                if (k == 0 && deviation != null) {
                    summary = deviation.summary(errorThreshold, deviationThreshold);
                    t += deviation.text(summary, u.energy + "/" + u.length, u.energy);
                    StringBuilder m = new StringBuilder(",\n  \"committee_members\": [");
                    for (int j = 0; j < members.size(); j++) {
                        m.append(j == 0 ? "" : ", ").append(quote(members.get(j).toString()));
                    }
                    deviationJson = m.append(']').toString() + deviation.json(summary,
                            out == null ? null : sibling(out, "-deviation.csv").getFileName().toString());
                }
                text.append(t);
                System.out.print(t);
                System.out.flush();
            }
            if (out != null) {
                AtomicFiles.write(sibling(out, ".txt"), text.toString());
                for (int k = 0; k < names.size(); k++) {
                    AtomicFiles.write(sibling(out, k == 0 ? ".json" : ".also-" + k + ".json"),
                            reports.get(k).json(names.get(k), dataFile.toString(), u.id, k == 0 ? deviationJson : ""));
                }
                List<String> labels = new ArrayList<>();
                labels.add(isCommittee ? "committee of " + members.size() : modelFile.getFileName().toString());
                for (Path m : also) {
                    String l = m.getFileName().toString();
                    // XChart needs unique series names: the same file name twice gets its position.
                    labels.add(labels.contains(l) ? l + " (" + (labels.size() + 1) + ")" : l);
                }
                String force = u.energy + "/" + u.length;
                plot(labels, reports, ErrorReport::energyValues, "energy per atom", u.energy, sibling(out, "-energy.png"));
                plot(labels, reports, ErrorReport::atomEnergyValues, "per-atom energies", u.energy,
                        sibling(out, "-atom_energies.png"));
                plot(labels, reports, ErrorReport::forceValues, "force components", force, sibling(out, "-forces.png"));
                plot(labels, reports, ErrorReport::pressureValues, "pressure (virial part)", u.pressure,
                        sibling(out, "-pressure.png"));
                if (deviation != null) {
                    AtomicFiles.write(sibling(out, "-deviation.csv"), deviation.csv());
                    Path png = sibling(out, "-deviation.png");
                    try {
                        deviation.plot(summary, force, png);
                    } catch (Exception | LinkageError | java.awt.AWTError e) {
                        LoggerFactory.getLogger(EvaluateCommand.class).warn("could not draw {}: {}", png, e.toString());
                    }
                }
            }
            return 0;
        }
    }

    /**
     * The committee of the given model files: all in the units and with the species of the first (an
     * error names the offending file); each member maps the data's types (the first's species order) onto
     * its own.
     */
    static CommitteeForceField committee(List<Path> files) {
        List<A2IForceField> members = new ArrayList<>();
        A2IModel first = null;
        SpeciesSet species = null;
        for (int m = 0; m < files.size(); m++) {
            Path file = files.get(m);
            A2IModel model = A2IModelFile.read(file);
            if (first == null) {
                first = model;
                List<Species> list = new ArrayList<>();
                for (String s : model.species()) {
                    list.add(new Species(s, 1.0));
                }
                species = new SpeciesSet(list);
            } else if (model.units() != first.units()) {
                throw new InputException(file.toString(), 0, "committee member " + (m + 1) + " is in units '"
                        + model.units().id + "', member 1 (" + files.get(0) + ") in '" + first.units().id
                        + "'; a committee's models must share their units");
            } else if (!new HashSet<>(model.species()).equals(new HashSet<>(first.species()))) {
                throw new InputException(file.toString(), 0, "committee member " + (m + 1) + " has species "
                        + String.join(", ", model.species()) + ", member 1 (" + files.get(0) + ") has "
                        + String.join(", ", first.species()) + "; a committee's models must share their species");
            }
            int[] typeMap = A2IModelFile.checkCompatible(model, file.toString(), first.units(), species);
            members.add(new A2IForceField(model, typeMap));
        }
        return new CommitteeForceField(members);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
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
