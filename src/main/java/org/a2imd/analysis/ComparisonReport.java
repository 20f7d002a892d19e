package org.a2imd.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Side-by-side structure, energetics and dynamics of two runs of the same system (a reference potential
 * and a model of it): a markdown report, PNG plots and the CSV data behind each plot in one folder.
 * Quantities the runs did not record (NaN columns of a sampler filled from trajectory files: no kinetic
 * energy without masses) are left out.
 */
public final class ComparisonReport {
    /** One run: its label (e.g. the deck name), what it sampled and its time step between samples. */
    public record Run(String label, String deck, String potential, Sampler sampler, double sampleInterval) {
    }

    private final Run ref;
    private final Run model;
    private final String[] typeNames;
    private final String timeUnit;
    private final String energyUnit;
    private final String lengthUnit;
    private final String pressureUnit;

    public ComparisonReport(Run ref, Run model, String[] typeNames, String timeUnit, String energyUnit,
            String lengthUnit) {
        this(ref, model, typeNames, timeUnit, energyUnit, lengthUnit, "pressure units");
    }

    public ComparisonReport(Run ref, Run model, String[] typeNames, String timeUnit, String energyUnit,
            String lengthUnit, String pressureUnit) {
        this.pressureUnit = pressureUnit;
        this.ref = ref;
        this.model = model;
        this.typeNames = typeNames;
        this.timeUnit = timeUnit;
        this.energyUnit = energyUnit;
        this.lengthUnit = lengthUnit;
    }

    /** Writes report.md and the plots into dir; returns the markdown text. */
    public String write(Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder();
        Sampler a = ref.sampler();
        Sampler b = model.sampler();
        int n = a.atoms();
        md.append("# Comparison: ").append(ref.label()).append(" vs ").append(model.label()).append("\n\n");
        md.append(String.format(Locale.ROOT, "| | reference | model |\n| --- | --- | --- |\n"));
        row(md, "deck", ref.deck(), model.deck());
        row(md, "potential", ref.potential(), model.potential());
        row(md, "atoms", Integer.toString(n), Integer.toString(b.atoms()));
        row(md, "samples (interval " + fmt(ref.sampleInterval()) + " " + timeUnit + ")",
                Integer.toString(a.samples()), Integer.toString(b.samples()));
        md.append("\n## Energetics and dynamics\n\n| quantity | reference | model | model - reference |\n"
                + "| --- | --- | --- | --- |\n");
        double[] peA = perAtom(a.column(1), n);
        double[] peB = perAtom(b.column(1), b.atoms());
        boolean kinetic = recorded(a.column(4)) && recorded(b.column(4));
        boolean potential = recorded(peA) && recorded(peB);
        if (kinetic) {
            triple(md, "mean temperature", mean(a.column(4)), mean(b.column(4)));
        }
        if (potential) {
            triple(md, "mean potential energy per atom [" + energyUnit + "]", mean(peA), mean(peB));
            triple(md, "std of potential energy per atom [" + energyUnit + "]", std(peA), std(peB));
        }
        BlockAverage pa = BlockAverage.of(a.column(5));
        BlockAverage pb = BlockAverage.of(b.column(5));
        if (kinetic) {
            md.append(String.format(Locale.ROOT, "| mean pressure [%s] | %s ± %s | %s ± %s | %s ± %s |\n",
                    pressureUnit, fmt(pa.mean()), fmt(pa.stdError()), fmt(pb.mean()), fmt(pb.stdError()),
                    fmt(pb.mean() - pa.mean()), fmt(Math.hypot(pa.stdError(), pb.stdError()))));
        }
        double[] msdA = a.structure().msd();
        double[] msdB = b.structure().msd();
        double dA = msdA.length >= 3 ? Msd.diffusion(msdA, ref.sampleInterval()) : Double.NaN;
        double dB = msdB.length >= 3 ? Msd.diffusion(msdB, model.sampleInterval()) : Double.NaN;
        triple(md, "diffusion coefficient D [" + lengthUnit + "^2/" + timeUnit + "]", dA, dB);
        if (kinetic && a.samples() >= 3 && b.samples() >= 3) {
            EnergyDrift ea = EnergyDrift.of(a.column(0), a.column(3), a.column(2), n);
            EnergyDrift eb = EnergyDrift.of(b.column(0), b.column(3), b.column(2), b.atoms());
            triple(md, "conserved-energy drift per atom [" + energyUnit + "/" + timeUnit + "]", ea.slopePerAtom(),
                    eb.slopePerAtom());
            triple(md, "conserved-energy RMS about the drift per atom [" + energyUnit + "]", ea.rmsPerAtom(),
                    eb.rmsPerAtom());
            triple(md, "drift over the run / std(kinetic energy)", ea.driftOverKineticStd(), eb.driftOverKineticStd());
        }
        if (kinetic) {
            md.append(String.format(Locale.ROOT, "\nPressure: kinetic + virial, as in the thermo output; ± is the "
                    + "standard error of the mean from %d block averages of consecutive samples (std of the block "
                    + "means / sqrt(blocks)); the difference's error adds both in quadrature.\n", pa.blocks()));
            md.append("\nThe conserved energy is the total energy (NVE) or the total minus the energy the "
                    + "thermostat exchanged (Langevin, CSVR); its drift judges integration with each potential.\n");
        } else {
            md.append("\nTemperature, pressure and the conserved energy need the kinetic energy, which trajectory "
                    + "frames do not give (no masses): not compared.\n");
        }
        md.append("\n## Radial distribution functions\n\nIntegrated absolute difference "
                + "sum|g_model - g_ref| dr / sum g_ref dr over 0..r_max:\n\n| pair | difference | first peak (ref) | "
                + "first peak (model) |\n| --- | --- | --- | --- |\n");
        Rdf ra = a.rdf();
        Rdf rb = b.rdf();
        double[] r = ra.r();
        XYChart rdfChart = chart("Radial distribution functions", "r [" + lengthUnit + "]", "g(r)");
        Csv rdfCsv = new Csv().column("r", lengthUnit, r);
        int nt = typeNames.length;
        for (int s = 0; s < nt; s++) {
            for (int t = s; t < nt; t++) {
                double[] ga = ra.g(s, t);
                double[] gb = rb.g(s, t);
                String pair = typeNames[s] + "-" + typeNames[t];
                md.append(String.format(Locale.ROOT, "| %s | %.2f%% | %s | %s |\n", pair,
                        100 * Rdf.relativeDifference(gb, ga), peak(r, ga), peak(r, gb)));
                line(rdfChart, pair + " reference", r, ga, false);
                line(rdfChart, pair + " model", r, gb, true);
                rdfCsv.column("g " + pair + " reference", "", ga).column("g " + pair + " model", "", gb);
            }
        }
        if (nt > 1) {
            md.append(String.format(Locale.ROOT, "| all | %.2f%% | %s | %s |\n",
                    100 * Rdf.relativeDifference(rb.gTotal(), ra.gTotal()), peak(r, ra.gTotal()), peak(r, rb.gTotal())));
        }
        if (nt > 1) {
            rdfCsv.column("g all reference", "", ra.gTotal()).column("g all model", "", rb.gTotal());
        }
        save(rdfChart, dir.resolve("rdf.png"));
        rdfCsv.write(dir.resolve("rdf.csv"));
        md.append("\n![RDF](rdf.png)\n");
        if (a.angles() != null) {
            BondAngles aa = a.angles();
            BondAngles ab = b.angles();
            md.append(String.format(Locale.ROOT, "\n## Bond angles (neighbours within %s %s)\n\n"
                    + "| | reference | model |\n| --- | --- | --- |\n| mean coordination | %.3f | %.3f |\n"
                    + "| integrated absolute difference of the distributions | | %.2f%% |\n",
                    fmt(aa.cutoff()), lengthUnit, aa.coordination(), ab.coordination(),
                    100 * Rdf.relativeDifference(ab.density(), aa.density())));
            XYChart c = chart("Bond-angle distribution", "angle [deg]", "probability density [1/deg]");
            line(c, "reference", aa.theta(), aa.density(), false);
            line(c, "model", ab.theta(), ab.density(), true);
            save(c, dir.resolve("angles.png"));
            new Csv().column("angle", "deg", aa.theta()).column("density reference", "1/deg", aa.density())
                    .column("density model", "1/deg", ab.density()).write(dir.resolve("angles.csv"));
            md.append("\n![bond angles](angles.png)\n");
        }
        if (potential) {
            XYChart pe = chart("Potential-energy distribution", "potential energy per atom [" + energyUnit + "]",
                    "probability density");
            double lo = Math.min(min(peA), min(peB));
            double hi = Math.max(max(peA), max(peB));
            double[][] ha = histogram(peA, lo, hi, 30);
            double[][] hb = histogram(peB, lo, hi, 30);
            line(pe, "reference", ha[0], ha[1], false);
            line(pe, "model", hb[0], hb[1], true);
            save(pe, dir.resolve("pe.png"));
            new Csv().column("potential energy per atom", energyUnit, ha[0])
                    .column("density reference", "1/" + energyUnit, ha[1])
                    .column("density model", "1/" + energyUnit, hb[1]).write(dir.resolve("pe.csv"));
            md.append("\n## Potential-energy distribution\n\n![potential energy](pe.png)\n");
        }
        XYChart m = chart("Mean-squared displacement", "t [" + timeUnit + "]", "MSD [" + lengthUnit + "^2]");
        line(m, "reference", lags(msdA.length, ref.sampleInterval()), msdA, false);
        line(m, "model", lags(msdB.length, model.sampleInterval()), msdB, true);
        save(m, dir.resolve("msd.png"));
        new Csv().column("t reference", timeUnit, lags(msdA.length, ref.sampleInterval()))
                .column("MSD reference", lengthUnit + "^2", msdA)
                .column("t model", timeUnit, lags(msdB.length, model.sampleInterval()))
                .column("MSD model", lengthUnit + "^2", msdB).write(dir.resolve("msd.csv"));
        md.append("\n## Mean-squared displacement\n\nAveraged over atoms and time origins up to half the run; "
                + "D = slope/6 fitted over the later half of the lags.\n\n![MSD](msd.png)\n");
        if (kinetic) {
            XYChart e = chart("Conserved energy per atom", "t [" + timeUnit + "]", "E/N - E0/N [" + energyUnit + "]");
            double[] ea = shifted(perAtom(a.column(3), n));
            double[] eb = shifted(perAtom(b.column(3), b.atoms()));
            line(e, "reference", a.column(0), ea, false);
            line(e, "model", b.column(0), eb, true);
            save(e, dir.resolve("energy.png"));
            new Csv().column("t reference", timeUnit, a.column(0)).column("E/N - E0/N reference", energyUnit, ea)
                    .column("t model", timeUnit, b.column(0)).column("E/N - E0/N model", energyUnit, eb)
                    .write(dir.resolve("energy.csv"));
            md.append("\n## Conserved energy\n\n![conserved energy](energy.png)\n");
        }
        String text = md.toString();
        Files.writeString(dir.resolve("report.md"), text);
        return text;
    }

    /** True when a sampled column holds at least one number (not all NaN). */
    private static boolean recorded(double[] x) {
        for (double v : x) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static String peak(double[] r, double[] g) {
        int k = 0;
        for (int i = 1; i < g.length; i++) {
            if (g[i] > g[k]) {
                k = i;
            }
        }
        return String.format(Locale.ROOT, "%.2f at r = %.3f", g[k], r[k]);
    }

    private static void row(StringBuilder md, String name, String a, String b) {
        md.append("| ").append(name).append(" | ").append(a).append(" | ").append(b).append(" |\n");
    }

    private static void triple(StringBuilder md, String name, double a, double b) {
        md.append("| ").append(name).append(" | ").append(fmt(a)).append(" | ").append(fmt(b)).append(" | ")
                .append(fmt(b - a)).append(" |\n");
    }

    static String fmt(double x) {
        return String.format(Locale.ROOT, "%.5g", x);
    }

    private static double[] perAtom(double[] x, int n) {
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = x[k] / n;
        }
        return y;
    }

    private static double[] shifted(double[] x) {
        double[] y = x.clone();
        for (int k = 0; k < y.length; k++) {
            y[k] -= x[0];
        }
        return y;
    }

    private static double[] lags(int m, double dt) {
        double[] t = new double[m];
        for (int k = 0; k < m; k++) {
            t[k] = k * dt;
        }
        return t;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double std(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / Math.max(1, x.length - 1));
    }

    private static double min(double[] x) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : x) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Normalised histogram: {bin centres, densities}. */
    static double[][] histogram(double[] x, double lo, double hi, int bins) {
        double w = hi > lo ? (hi - lo) / bins : 1;
        double[] c = new double[bins];
        double[] p = new double[bins];
        for (double v : x) {
            c[Math.min(bins - 1, Math.max(0, (int) ((v - lo) / w)))]++;
        }
        for (int k = 0; k < bins; k++) {
            p[k] = c[k] / (x.length * w);
            c[k] = lo + (k + 0.5) * w;
        }
        return new double[][] {c, p};
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setMarkerSize(0);
        c.getStyler().setXAxisDecimalPattern("0.###");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        return c;
    }

    private static void line(XYChart c, String name, double[] x, double[] y, boolean dashed) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        if (dashed) {
            s.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[] {6f, 4f}, 0f));
        }
    }

    private static void save(XYChart c, Path png) throws IOException {
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
