package org.a2imd.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.a2imd.analysis.RunAnalysis;
import org.a2imd.analysis.ThermoFile;
import org.a2imd.analysis.TrajectoryFile;
import org.a2imd.core.InputException;
import org.a2imd.core.Units;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a2imd analyze FILE... --out DIR}: analysis of the files of a finished run (nothing is re-run): a
 * trajectory (.extxyz or .xyz) and/or a thermo file (any other name).
 */
@picocli.CommandLine.Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse the files of a finished run without re-running it: from a trajectory, g(r) (total and "
                + "per species pair), coordination numbers, the bond-angle distribution, the MSD and diffusion "
                + "coefficient; from a thermo file, every column against time with block-averaged means and standard "
                + "errors. Writes CSV files (units in the header), PNG plots, summary.md and summary.json into DIR.",
            "Files ending in .extxyz or .xyz are trajectories, any other file is a thermo file (at most one of each)."})
final class AnalyzeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "FILE", description = "a trajectory (.extxyz/.xyz) and/or a thermo file")
    List<Path> files;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder for the CSV, PNG and summary files")
    Path out;

    @Option(names = "--units", paramLabel = "lj|metal",
            description = "units of files that do not state them (a2imd's files do: the units key, the thermo header)")
    String units;

    @Option(names = "--skip", paramLabel = "STEPS", defaultValue = "0",
            description = "drop frames and thermo rows before this MD step (equilibration; frames without a step key "
                    + "count as steps 0, 1, 2, ...; default 0)")
    long skip;

    @Option(names = "--every", paramLabel = "K", defaultValue = "1",
            description = "keep every K-th trajectory frame after --skip (thermo rows are all kept; default 1)")
    int every;

    @Option(names = "--rmax", paramLabel = "R", description = "g(r) range (default: half the smallest cell width)")
    Double rMax;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "200", description = "g(r) bins (default 200)")
    int bins;

    @Option(names = "--rcut", paramLabel = "R",
            description = "coordination cutoff (default: the first minimum of each g(r))")
    Double rCut;

    @Option(names = "--angle-cutoff", paramLabel = "R",
            description = "bond cutoff of the bond-angle distribution (default: the first minimum of the total g(r))")
    Double angleCutoff;

    @Option(names = "--frame-time", paramLabel = "T",
            description = "time between frames in the file, for trajectories without a time key")
    Double frameTime;

    @Option(names = "--msd-fit", arity = "2", paramLabel = "T",
            description = "fit the diffusion coefficient over this time window (FROM TO; default: the later half of "
                    + "the lags)")
    double[] msdFit;

    @Option(names = "--blocks", paramLabel = "N", defaultValue = "10",
            description = "blocks for the standard errors of means (default 10)")
    int blocks;

    @Override
    public Integer call() throws Exception {
        if (every < 1 || bins < 1 || skip < 0 || blocks < 2) {
            throw usage("--every and --bins must be at least 1, --blocks at least 2, --skip at least 0");
        }
        for (Double v : new Double[] {rMax, rCut, angleCutoff, frameTime}) {
            if (v != null && !(v > 0)) {
                throw usage("--rmax, --rcut, --angle-cutoff and --frame-time must be positive");
            }
        }
        if (msdFit != null && !(msdFit[0] >= 0 && msdFit[1] > msdFit[0])) {
            throw usage("--msd-fit FROM TO needs 0 <= FROM < TO");
        }
        Units u = null;
        if (units != null) {
            u = Units.byId(units.toLowerCase(Locale.ROOT));
            if (u == null) {
                throw usage("--units must be lj or metal, got '" + units + "'");
            }
        }
        Path trajPath = null;
        Path thermoPath = null;
        for (Path f : files) {
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".extxyz") || n.endsWith(".xyz")) {
                if (trajPath != null) {
                    throw usage("two trajectories given (" + trajPath + ", " + f + "): analyze takes one; compare "
                            + "--trajectories compares two");
                }
                trajPath = f;
            } else {
                if (thermoPath != null) {
                    throw usage("two thermo files given (" + thermoPath + ", " + f + "); trajectories must end in "
                            + ".extxyz or .xyz");
                }
                thermoPath = f;
            }
        }
        ThermoFile thermo = thermoPath == null ? null : ThermoFile.read(thermoPath, skip, u);
        Units trajUnits = u != null ? u : thermo != null ? thermo.units() : null;
        TrajectoryFile traj = trajPath == null ? null : TrajectoryFile.read(trajPath, skip, every, trajUnits);
        if (traj != null && thermo != null && thermo.atoms() > 0 && thermo.atoms() != traj.atoms()) {
            throw new InputException(thermoPath.toString(), 1, "energies are over " + thermo.atoms()
                    + " atoms, the trajectory " + trajPath + " has " + traj.atoms() + ": not the same run");
        }
        String selection = "--skip " + skip + " (steps), --every " + every + " (frames)";
        new RunAnalysis(new RunAnalysis.Options(rMax, bins, rCut, angleCutoff, frameTime, blocks, msdFit))
                .write(traj, thermo, out, selection);
        spec.commandLine().getOut().println("wrote " + out.resolve("summary.md") + " (and summary.json, CSV, PNG)");
        return 0;
    }

    private picocli.CommandLine.ParameterException usage(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }
}
