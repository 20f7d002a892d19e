package org.a2imd.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.a2imd.core.WorkerPool;
import org.a2imd.core.Units;
import org.a2imd.force.ForceField;
import org.a2imd.force.ForceOutput;
import org.a2imd.nnp.A2IForceField;

/**
 * Errors of a model on a labelled data set: energy per atom, per-atom energies and force components,
 * each as RMSE and MAE, absolute and as a ratio to the spread of the reference values (standard
 * deviation of E/N across frames, of per-atom energies, of force components). The energy error is also
 * given with its mean offset removed, since std(E/N) falls as 1/sqrt(N) and a constant offset is
 * harmless in dynamics. Frames with a virial also give the virial per atom (W_ab / N, all nine
 * components) and, for periodic frames, the virial part of the pressure, P_vir = trace(W) / (3 V) in the
 * model's pressure units (the kinetic part is not in the data). Their spreads are over frames: the std
 * of P_vir, and for the components the root mean over components of each one's variance over frames.
 * Keeps the predicted and reference values for parity plots.
 */
public final class ErrorReport {
    /**
     * Statistics of one quantity. {@code spread} is the population standard deviation of the
     * reference values; {@code offset} the mean error, {@code rmseCentred} the RMSE about it.
     */
    public record Metric(String name, long count, double rmse, double mae, double spread, double offset,
            double rmseCentred) {
        public double rmseRatio() {
            return rmse / spread;
        }

        public double maeRatio() {
            return mae / spread;
        }

        public double rmseCentredRatio() {
            return rmseCentred / spread;
        }
    }

    /** Paired predicted / reference values of one quantity. */
    public static final class Values {
        private double[] pred = new double[64];
        private double[] ref = new double[64];
        private int n;

        void add(double p, double r) {
            if (n == pred.length) {
                pred = java.util.Arrays.copyOf(pred, 2 * n);
                ref = java.util.Arrays.copyOf(ref, 2 * n);
            }
            pred[n] = p;
            ref[n] = r;
            n++;
        }

        public int size() {
            return n;
        }

        public double[] predicted() {
            return java.util.Arrays.copyOf(pred, n);
        }

        public double[] reference() {
            return java.util.Arrays.copyOf(ref, n);
        }

        Metric metric(String name) {
            if (n == 0) {
                return null;
            }
            double se = 0;
            double ae = 0;
            double sum = 0;
            double sumRef = 0;
            for (int k = 0; k < n; k++) {
                double d = pred[k] - ref[k];
                se += d * d;
                ae += Math.abs(d);
                sum += d;
                sumRef += ref[k];
            }
            double offset = sum / n;
            double meanRef = sumRef / n;
            double sc = 0;
            double sr = 0;
            for (int k = 0; k < n; k++) {
                double d = pred[k] - ref[k] - offset;
                sc += d * d;
                double r = ref[k] - meanRef;
                sr += r * r;
            }
            return new Metric(name, n, Math.sqrt(se / n), ae / n, Math.sqrt(sr / n), offset, Math.sqrt(sc / n));
        }
    }

    private final int frames;
    private final long atoms;
    private final Values energy = new Values();
    private final Values atomEnergy = new Values();
    private final Values force = new Values();
    private final Values virial = new Values();
    private final Values pressure = new Values();
    /** Per component of W/N: sum and sum of squares of the reference over frames (for the spread). */
    private final double[] virialRefSum = new double[9];
    private final double[] virialRefSq = new double[9];
    private final Units units;

    private ErrorReport(int frames, long atoms, Units units) {
        this.frames = frames;
        this.atoms = atoms;
        this.units = units;
    }

    /** Sees each frame's prediction as the report is made (e.g. to read a committee's deviation). */
    public interface FrameListener {
        /**
         * Called after frame {@code index} (0-based) was evaluated: its total energy and the forces on
         * its atoms ({@code 3 * f.atoms}, ghosts folded; live, valid only during the call).
         */
        void frame(int index, TrainingFrame f, double energy, double[] localForces);
    }

    /** Evaluates the field on every frame; labels a frame lacks are skipped for that quantity. */
    public static ErrorReport of(A2IForceField field, Dataset data, WorkerPool pool) {
        return of(field, field.model().units(), data, pool, null);
    }

    /**
     * As above for any force field (e.g. a committee's mean) in {@code units}, each frame's neighbour list
     * being the dataset's; {@code listener} (or null) sees every frame's prediction.
     */
    public static ErrorReport of(ForceField field, Units units, Dataset data, WorkerPool pool,
            FrameListener listener) {
        ErrorReport r = new ErrorReport(data.size(), data.atoms(), units);
        ForceOutput out = new ForceOutput();
        double[] local = new double[0];
        int index = 0;
        for (TrainingFrame f : data.frames()) {
            int n = f.atoms;
            out.reset(n, f.list.nAll, f.atomEnergies != null);
            field.compute(f.list, f.list.box(), out, pool);
            double e = out.energy;
            if (f.hasEnergy()) {
                r.energy.add(e / n, f.energy / n);
            }
            if (f.atomEnergies != null) {
                for (int i = 0; i < n; i++) {
                    r.atomEnergy.add(out.atomEnergy[i], f.atomEnergies[i]);
                }
            }
            if (f.forces != null || listener != null) {
                if (local.length < 3 * n) {
                    local = new double[3 * n];
                }
                f.list.foldGhostForces(out.force, local);
            }
            if (f.forces != null) {
                for (int k = 0; k < 3 * n; k++) {
                    r.force.add(local[k], f.forces[k]);
                }
            }
            if (f.virial != null) {
                r.addVirial(out.virial, f.virial, n, f.volume());
            }
            if (listener != null) {
                listener.frame(index, f, e, local);
            }
            index++;
        }
        return r;
    }

    private void addVirial(double[] pred, double[] ref, int n, double volume) {
        for (int c = 0; c < 9; c++) {
            double w = ref[c] / n;
            virial.add(pred[c] / n, w);
            virialRefSum[c] += w;
            virialRefSq[c] += w * w;
        }
        if (Double.isFinite(volume)) {
            double toP = units.nktv2p / (3 * volume);
            pressure.add((pred[0] + pred[4] + pred[8]) * toP, (ref[0] + ref[4] + ref[8]) * toP);
        }
    }

    public int frames() {
        return frames;
    }

    public long atoms() {
        return atoms;
    }

    /** Energy per atom, or null without energies. */
    public Metric energy() {
        return energy.metric("energy/atom");
    }

    /** Per-atom energies, or null without them. */
    public Metric atomEnergies() {
        return atomEnergy.metric("atom energy");
    }

    /** Force components, or null without forces. */
    public Metric forces() {
        return force.metric("force component");
    }

    /** Virial part of the pressure of periodic frames with a virial, or null without any. */
    public Metric pressure() {
        return pressure.metric("pressure (virial part)");
    }

    /** Virial components per atom, W_ab / N, or null without virials; spread as described above. */
    public Metric virial() {
        Metric m = virial.metric("virial component/atom");
        if (m == null) {
            return null;
        }
        long nf = m.count() / 9;
        double var = 0;
        for (int c = 0; c < 9; c++) {
            double mean = virialRefSum[c] / nf;
            var += Math.max(0, virialRefSq[c] / nf - mean * mean);
        }
        return new Metric(m.name(), m.count(), m.rmse(), m.mae(), Math.sqrt(var / 9), m.offset(), m.rmseCentred());
    }

    public Values virialValues() {
        return virial;
    }

    public Values pressureValues() {
        return pressure;
    }

    public Values energyValues() {
        return energy;
    }

    public Values atomEnergyValues() {
        return atomEnergy;
    }

    public Values forceValues() {
        return force;
    }

    private List<Metric> metrics() {
        List<Metric> m = new ArrayList<>();
        for (Metric x : new Metric[] {energy(), atomEnergies(), forces(), pressure(), virial()}) {
            if (x != null) {
                m.add(x);
            }
        }
        return m;
    }

    /** The text report; {@code energyUnit} and {@code forceUnit} label the columns. */
    public String text(String title, String energyUnit, String forceUnit) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append('\n');
        sb.append(String.format(Locale.ROOT, "%d frames, %d atoms (%.1f atoms per frame: the spread of E/N falls as "
                + "1/sqrt(N))%n", frames, atoms, frames == 0 ? 0.0 : (double) atoms / frames));
        sb.append(String.format(Locale.ROOT, "%-28s %9s %12s %12s %12s %9s %9s%n", "quantity", "count", "RMSE", "MAE",
                "spread(std)", "RMSE/std", "MAE/std"));
        for (Metric m : metrics()) {
            String unit = m.name().startsWith("force") ? forceUnit
                    : m.name().startsWith("pressure") ? units.pressure : energyUnit;
            sb.append(String.format(Locale.ROOT, "%-28s %9d %12.5g %12.5g %12.5g %9.4f %9.4f%n",
                    m.name() + " [" + unit + "]", m.count(), m.rmse(), m.mae(), m.spread(), m.rmseRatio(),
                    m.maeRatio()));
        }
        Metric e = energy();
        if (e != null) {
            sb.append(String.format(Locale.ROOT, "%-28s %9d %12.5g %12s %12.5g %9.4f %9s%n",
                    "energy/atom, offset removed", e.count(), e.rmseCentred(), "", e.spread(), e.rmseCentredRatio(),
                    ""));
            sb.append(String.format(Locale.ROOT, "mean energy/atom offset (predicted - reference): %.5g %s%n",
                    e.offset(), energyUnit));
        }
        return sb.toString();
    }

    /** The report as a JSON object. */
    public String json(String model, String dataFile, String units) {
        return json(model, dataFile, units, "");
    }

    /**
     * As above with {@code extra} (JSON members, each line starting ",\n  ") appended after the metrics,
     * e.g. a committee's members and deviation.
     */
    public String json(String model, String dataFile, String units, String extra) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"model\": ").append(quote(model)).append(",\n");
        sb.append("  \"data\": ").append(quote(dataFile)).append(",\n");
        sb.append("  \"units\": ").append(quote(units)).append(",\n");
        sb.append("  \"frames\": ").append(frames).append(",\n");
        sb.append("  \"atoms\": ").append(atoms).append(",\n");
        sb.append("  \"mean_atoms_per_frame\": ").append(num(frames == 0 ? Double.NaN : (double) atoms / frames));
        String[] keys = {"energy_per_atom", "atom_energies", "forces", "pressure_virial", "virial_per_atom"};
        Metric[] ms = {energy(), atomEnergies(), forces(), pressure(), virial()};
        sb.append(",\n  \"pressure_unit\": ").append(quote(this.units.pressure));
        for (int k = 0; k < keys.length; k++) {
            Metric m = ms[k];
            if (m == null) {
                continue;
            }
            sb.append(",\n  \"").append(keys[k]).append("\": {");
            sb.append("\"count\": ").append(m.count());
            sb.append(", \"rmse\": ").append(num(m.rmse()));
            sb.append(", \"mae\": ").append(num(m.mae()));
            sb.append(", \"std_reference\": ").append(num(m.spread()));
            sb.append(", \"rmse_ratio\": ").append(num(m.rmseRatio()));
            sb.append(", \"mae_ratio\": ").append(num(m.maeRatio()));
            if (k == 0) {
                sb.append(", \"mean_offset\": ").append(num(m.offset()));
                sb.append(", \"rmse_offset_removed\": ").append(num(m.rmseCentred()));
                sb.append(", \"rmse_offset_removed_ratio\": ").append(num(m.rmseCentredRatio()));
            }
            sb.append('}');
        }
        sb.append(extra);
        sb.append("\n}\n");
        return sb.toString();
    }

    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
