package org.a2imd.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.a2imd.core.InputException;
import org.a2imd.core.Units;

/**
 * The analysis of one finished run from its files ({@code a2imd analyze}): structure and dynamics from a
 * trajectory (g(r) total and partial, coordination numbers, bond angles, MSD and D), thermo quantities
 * against time with block-averaged means from a thermo file. Every result is a CSV (units in the header)
 * and a PNG in the output folder, and every number is in summary.md and summary.json.
 */
public final class RunAnalysis {
    /**
     * What to compute. rMax, rCut, angleCutoff, frameTime: null for the defaults (half the smallest cell
     * width; the first minimum of g; the first minimum of the total g; the trajectory's time keys).
     * fitWindow: {from, to} in time units for the MSD fit, or null for the later half of the lags.
     */
    public record Options(Double rMax, int bins, Double rCut, Double angleCutoff, Double frameTime, int blocks,
            double[] fitWindow) {
    }

    private final Options opt;
    private final Summary summary = new Summary("a2imd analyze");
    private Path dir;

    public RunAnalysis(Options opt) {
        this.opt = opt;
    }

    public Summary summary() {
        return summary;
    }

    /** Analyses the given files (either may be null) into dir; returns the summary. */
    public Summary write(TrajectoryFile traj, ThermoFile thermo, Path dir, String selection) throws IOException {
        this.dir = dir;
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        Units u = traj != null ? traj.units() : thermo.units();
        if (u == null && thermo != null) {
            u = thermo.units();
        }
        if (u == null) {
            throw new InputException(traj != null ? traj.file() : thermo.file(), 0,
                    "the file does not say its units: give --units lj or --units metal");
        }
        if (traj != null && thermo != null && thermo.units() != null && thermo.units() != u) {
            throw new InputException(thermo.file(), 1, "units " + thermo.units().id + " differ from the trajectory's ("
                    + u.id + ")");
        }
        summary.input("units", u.id);
        summary.input("frame selection", selection);
        if (traj != null) {
            summary.input("trajectory", traj.file() + " (" + traj.frames().size() + " frames kept, " + traj.atoms()
                    + " atoms)");
            structure(traj, u);
        }
        if (thermo != null) {
            summary.input("thermo", thermo.file() + " (" + thermo.rows() + " rows kept)");
            thermo(thermo, u);
        }
        summary.write(dir);
        return summary;
    }

    private void structure(TrajectoryFile traj, Units u) throws IOException {
        String len = u.length;
        double half = 0.5 * traj.minWidth();
        double rMax = opt.rMax() != null ? opt.rMax() : half * (1 - 1e-9);
        if (!(rMax > 0) || rMax > half) {
            throw new InputException(traj.file(), 0, "--rmax " + rMax + " must be positive and at most half the "
                    + "smallest cell width (" + half + " " + len + ")");
        }
        String[] names = traj.typeNames();
        int nt = names.length;
        Rdf rdf = new Rdf(nt, rMax, opt.bins());
        StructureSeries first = new StructureSeries(rdf, null);
        for (TrajectoryFile.Frame f : traj.frames()) {
            first.addWrapped(f.box(), f.pos(), traj.types(), traj.atoms());
        }
        double[] r = rdf.r();
        double[] gAll = rdf.gTotal();
        double minimum = rdf.firstMinimum(gAll);
        String sec = "Radial distribution functions";
        Plot gp = new Plot("Radial distribution function", "r", len, "g(r)", "").yFrom(0);
        Csv gc = new Csv().column("r", len, r).column("g total", "", gAll);
        gp.line("total", r, gAll);
        peak(sec, "total", r, gAll, len);
        if (nt > 1) {
            for (int a = 0; a < nt; a++) {
                for (int b = a; b < nt; b++) {
                    double[] g = rdf.g(a, b);
                    String pair = names[a] + "-" + names[b];
                    gp.dashed(pair, r, g);
                    gc.column("g " + pair, "", g);
                    peak(sec, pair, r, g, len);
                }
            }
        }
        gp.save(dir.resolve("rdf.png"));
        gc.write(dir.resolve("rdf.csv"));
        summary.file("rdf.csv");
        summary.file("rdf.png");
        summary.note(sec, String.format(Locale.ROOT, "%d frames, %d bins of %s %s up to r_max = %s %s (minimum "
                + "image); normalised as LAMMPS compute rdf: g -> 1 for an ideal gas.", rdf.frames(), rdf.bins(),
                Plot.fmt(rdf.binWidth()), len, Plot.fmt(rMax), len));

        // Coordination numbers: all neighbours, then n_ab = neighbours of type b per atom of type a.
        String cs = "Coordination numbers";
        int rows = nt > 1 ? 1 + nt * nt : 1;
        double[] cut = new double[rows];
        double[] num = new double[rows];
        StringBuilder labels = new StringBuilder();
        int k = 0;
        double rc = opt.rCut() != null ? opt.rCut() : minimum;
        cut[k] = rc;
        num[k] = Double.isNaN(rc) ? Double.NaN : rdf.coordination(-1, -1, rc);
        summary.add(cs, "all neighbours within r_cut = " + Plot.fmt(rc) + " " + len, num[k++], "atoms");
        labels.append("all");
        if (nt > 1) {
            for (int a = 0; a < nt; a++) {
                for (int b = 0; b < nt; b++) {
                    double rcp = opt.rCut() != null ? opt.rCut() : rdf.firstMinimum(rdf.g(a, b));
                    cut[k] = rcp;
                    num[k] = Double.isNaN(rcp) ? Double.NaN : rdf.coordination(a, b, rcp);
                    summary.add(cs, names[b] + " around " + names[a] + " within " + Plot.fmt(rcp) + " " + len,
                            num[k++], "atoms");
                    labels.append(';').append(names[b]).append(" around ").append(names[a]);
                }
            }
        }
        Files.writeString(dir.resolve("coordination.csv"), coordinationCsv(labels.toString().split(";"), cut, num, len));
        summary.file("coordination.csv");
        summary.note(cs, opt.rCut() != null ? "Cutoff given by --rcut." : "Cutoff: the first minimum of each g(r) "
                + "after its first peak (upper edge of that bin); n = integral of rho g(r) 4 pi r^2 dr up to it, "
                + "rho = density of the neighbour species. NaN: g has no minimum below r_max.");

        // Bond angles, with the cutoff of the first shell.
        double ac = opt.angleCutoff() != null ? opt.angleCutoff() : minimum;
        if (!Double.isNaN(ac)) {
            if (ac > half) {
                throw new InputException(traj.file(), 0, "--angle-cutoff " + ac + " exceeds half the cell width ("
                        + half + ")");
            }
            BondAngles ang = new BondAngles(ac, 180);
            for (TrajectoryFile.Frame f : traj.frames()) {
                ang.add(f.box(), f.pos(), traj.atoms());
            }
            String as = "Bond angles";
            double[] th = ang.theta();
            double[] p = ang.density();
            new Plot("Bond-angle distribution (neighbours within " + Plot.fmt(ac) + " " + len + ")", "angle", "deg",
                    "probability density", "1/deg").yFrom(0).xRange(0, 180).line("all", th, p).save(dir.resolve("angles.png"));
            new Csv().column("angle", "deg", th).column("probability density", "1/deg", p)
                    .write(dir.resolve("angles.csv"));
            summary.file("angles.csv");
            summary.file("angles.png");
            double mean = 0;
            for (int q = 0; q < th.length; q++) {
                mean += th[q] * p[q] * (180.0 / th.length);
            }
            summary.add(as, "bond cutoff", ac, len);
            summary.add(as, "mean neighbours within the cutoff", ang.coordination(), "atoms");
            summary.add(as, "mean angle", mean, "deg");
            summary.add(as, "most frequent angle", th[argmax(p)], "deg");
            summary.note(as, "Angles j-i-k between the bonds of each atom i to all neighbours j, k within the cutoff ("
                    + (opt.angleCutoff() != null ? "--angle-cutoff" : "the first minimum of the total g(r)")
                    + "), 1-degree bins, density integrates to 1.");
        }
        msd(traj, first, u);
        frames(traj, u);
    }

    private static String coordinationCsv(String[] labels, double[] cut, double[] num, String len) {
        StringBuilder sb = new StringBuilder("pair,r_cut [" + len + "],coordination [atoms]\n");
        for (int q = 0; q < labels.length; q++) {
            sb.append(Csv.quote(labels[q])).append(',').append(Double.isNaN(cut[q]) ? "" : Csv.number(cut[q])).append(',').append(Double.isNaN(num[q]) ? "" : Csv.number(num[q])).append('\n');
        }
        return sb.toString();
    }

    private void msd(TrajectoryFile traj, StructureSeries s, Units u) throws IOException {
        String ms = "Mean-squared displacement";
        if (s.frames() < 2) {
            summary.note(ms, "Not computed: one frame kept.");
            return;
        }
        double dt = traj.frameInterval(opt.frameTime());
        String tUnit = u.time;
        boolean timed = !Double.isNaN(dt);
        if (!timed) {
            dt = 1;
            tUnit = "frames";
        }
        double[] msd = s.msd();
        double[] t = new double[msd.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = k * dt;
        }
        Plot p = new Plot("Mean-squared displacement", "t", tUnit, "MSD", u.length + "^2").yFrom(0)
                .line("MSD", t, msd);
        Csv c = new Csv().column("t", tUnit, t).column("MSD", u.length + "^2", msd);
        if (msd.length >= 3) {
            Msd.Fit fit = Msd.fit(msd, dt);
            if (opt.fitWindow() != null) {
                int lo = (int) Math.ceil(opt.fitWindow()[0] / dt - 1e-9);
                int hi = Math.min(msd.length - 1, (int) Math.floor(opt.fitWindow()[1] / dt + 1e-9));
                if (hi - lo < 1) {
                    throw new InputException(traj.file(), 0, "--msd-fit " + opt.fitWindow()[0] + " "
                            + opt.fitWindow()[1] + " holds fewer than 2 lags (frames every " + dt + " " + tUnit
                            + ", MSD up to " + (msd.length - 1) * dt + ")");
                }
                fit = Msd.fit(msd, dt, lo, hi);
            }
            double[] line = new double[msd.length];
            for (int k = 0; k < line.length; k++) {
                line[k] = k >= fit.fromLag() ? 6 * fit.diffusion() * t[k] + fit.intercept() : Double.NaN;
            }
            p.dashed("fit 6 D t + c", t, line);
            c.column("fit", u.length + "^2", line);
            summary.add(ms, "diffusion coefficient D", fit.diffusion(), u.length + "^2/" + tUnit);
            summary.add(ms, "fit window start", t[fit.fromLag()], tUnit);
            summary.add(ms, "fit window end", t[fit.toLag()], tUnit);
        }
        summary.add(ms, "MSD at the largest lag", msd[msd.length - 1], u.length + "^2");
        summary.add(ms, "time between frames", dt, tUnit);
        p.save(dir.resolve("msd.png"));
        c.write(dir.resolve("msd.csv"));
        summary.file("msd.csv");
        summary.file("msd.png");
        summary.note(ms, "Averaged over atoms and time origins for lags up to half the kept frames. Positions are "
                + "unwrapped by the minimum image of each atom's displacement between consecutive kept frames, which "
                + "assumes no atom moves more than half the cell width between them (use frames close enough in "
                + "time; --every makes them further apart). D = slope / 6 of a least-squares line MSD = 6 D t + c over "
                + (opt.fitWindow() != null ? "the window given by --msd-fit" : "the later half of the lags (past the "
                + "ballistic regime)") + "." + (timed ? "" : " No time key in the frames and no "
                + "--frame-time: time is in frames."));
    }

    /** Per-frame energy and volume from the trajectory header, when present. */
    private void frames(TrajectoryFile traj, Units u) throws IOException {
        var fs = traj.frames();
        int m = fs.size();
        double[] t = new double[m];
        double[] step = new double[m];
        double[] e = new double[m];
        double[] v = new double[m];
        boolean energy = true;
        for (int k = 0; k < m; k++) {
            t[k] = fs.get(k).time();
            step[k] = fs.get(k).step();
            e[k] = fs.get(k).energy();
            v[k] = fs.get(k).box().volume();
            energy &= !Double.isNaN(e[k]);
        }
        new Csv().column("step", "step", step).column("time", u.time, t).column("potential energy", u.energy, e)
                .column("volume", u.length + "^3", v).write(dir.resolve("frames.csv"));
        summary.file("frames.csv");
        String sec = "Trajectory frames";
        BlockAverage vb = BlockAverage.of(v, opt.blocks());
        summary.add(sec, "volume", vb.mean(), vb.stdError(), u.length + "^3");
        if (energy) {
            BlockAverage eb = BlockAverage.of(e, opt.blocks());
            summary.add(sec, "potential energy (energy key)", eb.mean(), eb.stdError(), u.energy);
            summary.add(sec, "potential energy per atom", eb.mean() / traj.atoms(), eb.stdError() / traj.atoms(),
                    u.energy);
            boolean timed = !Double.isNaN(t[0]);
            new Plot("Potential energy of the trajectory frames", timed ? "t" : "step", timed ? u.time : "step",
                    "potential energy", u.energy).line("energy", timed ? t : step, e)
                    .save(dir.resolve("frames-energy.png"));
            summary.file("frames-energy.png");
        }
        summary.note(sec, "Means over the kept frames; std. error from " + vb.blocks() + " block averages.");
    }

    private void thermo(ThermoFile th, Units u) throws IOException {
        String sec = "Thermo";
        int time = th.find("Time");
        int xCol = time >= 0 ? time : 0;
        double[] x = th.column(xCol);
        Csv c = new Csv();
        for (int k = 0; k < th.names().length; k++) {
            c.column(th.names()[k], th.unit(k), th.column(k));
        }
        c.write(dir.resolve("thermo.csv"));
        summary.file("thermo.csv");
        int blocks = 0;
        for (int k = 0; k < th.names().length; k++) {
            String n = th.names()[k];
            if (n.equals("Step") || n.equals("Time") || n.equals("NBuild")) {
                continue;
            }
            BlockAverage b = BlockAverage.of(th.column(k), opt.blocks());
            blocks = b.blocks();
            summary.add(sec, n, b.mean(), b.stdError(), th.unit(k));
            if (th.atoms() > 0 && th.unit(k).equals(u.energy) && !n.startsWith("devi")) {
                summary.add(sec, n + " per atom", b.mean() / th.atoms(), b.stdError() / th.atoms(), th.unit(k));
            }
            String file = "thermo-" + n.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
            Plot p = new Plot(n + " against time", th.names()[xCol], th.unit(xCol), n, th.unit(k));
            p.line(n, x, th.column(k));
            double[] mean = new double[x.length];
            java.util.Arrays.fill(mean, b.mean());
            p.dashed("mean", x, mean);
            p.save(dir.resolve(file));
            summary.file(file);
        }
        summary.note(sec, "Means over the kept rows (" + th.rows() + "); std. error = std of the means of " + blocks
                + " consecutive blocks / sqrt(" + blocks + "), reliable when a block is much longer than the "
                + "correlation time. Energies are totals" + (th.atoms() > 0 ? " over " + th.atoms() + " atoms" : "")
                + "; pressure includes the kinetic term.");
    }

    private void peak(String sec, String pair, double[] r, double[] g, String len) {
        int k = argmax(g);
        summary.add(sec, "highest peak position, " + pair, r[k], len);
        summary.add(sec, "highest peak height, " + pair, g[k], "");
    }

    private static int argmax(double[] x) {
        int k = 0;
        for (int q = 1; q < x.length; q++) {
            if (x[q] > x[k]) {
                k = q;
            }
        }
        return k;
    }
}
