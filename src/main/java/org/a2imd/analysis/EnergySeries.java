package org.a2imd.analysis;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.a2imd.core.InputException;

/**
 * A time series of the total and kinetic energy per atom of one NVE run (one engine, one timestep), as
 * written by {@code a2imd bench drift --series} and by benchmarks/timestep-sweep.sh from LAMMPS logs.
 * File format: a first line {@code # energy-series system S engine E dt X atoms N energy U time U}, further
 * {@code #} lines ignored, then rows {@code time E_total/N KE/N}.
 */
public record EnergySeries(String system, String engine, double dt, int atoms, String energyUnit, String timeUnit,
        double[] time, double[] energy, double[] kinetic) {

    static final String MAGIC = "# energy-series";

    /** Drift, RMS fluctuation (both per atom) and drift over the run / std(KE). */
    public EnergyDrift drift() {
        return EnergyDrift.of(time, energy, kinetic, 1);
    }

    public int samples() {
        return time.length;
    }

    public void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(String.format(Locale.ROOT, "%s system %s engine %s dt %s atoms %d energy %s time %s%n", MAGIC,
                    system, engine, Double.toString(dt), atoms, energyUnit, timeUnit));
            w.write("# time E_total/N KE/N\n");
            for (int k = 0; k < time.length; k++) {
                w.write(String.format(Locale.ROOT, "%.10g %.15g %.15g%n", time[k], energy[k], kinetic[k]));
            }
        }
    }

    /** Reads a series file; a malformed file raises an InputException naming the line. */
    public static EnergySeries read(Path file) throws IOException {
        String name = file.toString();
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).startsWith(MAGIC)) {
            throw new InputException(name, 1, "expected a first line \"" + MAGIC
                    + " system S engine E dt X atoms N energy U time U\"");
        }
        String[] head = lines.get(0).substring(MAGIC.length()).trim().split("\\s+");
        if (head.length % 2 != 0) {
            throw new InputException(name, 1, "the header must be key value pairs");
        }
        Map<String, String> kv = new HashMap<>();
        for (int k = 0; k < head.length; k += 2) {
            kv.put(head[k], head[k + 1]);
        }
        for (String key : List.of("system", "engine", "dt", "atoms", "energy", "time")) {
            if (!kv.containsKey(key)) {
                throw new InputException(name, 1, "the header has no \"" + key + "\"");
            }
        }
        double dt;
        int atoms;
        try {
            dt = Double.parseDouble(kv.get("dt"));
            atoms = Integer.parseInt(kv.get("atoms"));
        } catch (NumberFormatException e) {
            throw new InputException(name, 1, "dt must be a number and atoms an integer");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                throw new InputException(name, i + 1, "expected three numbers (time E_total/N KE/N), got "
                        + f.length + " fields");
            }
            double[] r = new double[3];
            for (int c = 0; c < 3; c++) {
                try {
                    r[c] = Double.parseDouble(f[c]);
                } catch (NumberFormatException e) {
                    throw new InputException(name, i + 1, "\"" + f[c] + "\" is not a number");
                }
            }
            rows.add(r);
        }
        if (rows.size() < 3) {
            throw new InputException(name, lines.size(), "a series needs at least 3 samples, found " + rows.size());
        }
        int m = rows.size();
        double[] t = new double[m];
        double[] e = new double[m];
        double[] ke = new double[m];
        for (int k = 0; k < m; k++) {
            t[k] = rows.get(k)[0];
            e[k] = rows.get(k)[1];
            ke[k] = rows.get(k)[2];
        }
        return new EnergySeries(kv.get("system"), kv.get("engine"), dt, atoms, kv.get("energy"), kv.get("time"),
                t, e, ke);
    }
}
