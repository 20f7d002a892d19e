package org.a2imd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.a2imd.analysis.EnergyDrift;
import org.a2imd.analysis.EnergySeries;
import org.a2imd.analysis.PowerLawFit;
import org.a2imd.analysis.SweepPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a2imd bench plot-sweep}: the table and plots of a timestep sweep from energy-series files (written
 * by {@code bench drift --series} and by benchmarks/timestep-sweep.sh from LAMMPS logs). Per system: a
 * markdown table row per (engine, dt), the fitted exponent of RMS fluctuation against dt per engine, and
 * two PNGs, SYSTEM-energy.png and SYSTEM-fluctuation.png.
 */
@Command(name = "plot-sweep", mixinStandardHelpOptions = true,
        description = "Table and PNGs of an NVE timestep sweep from energy-series files.")
final class BenchPlotSweep implements Callable<Integer> {
    @Parameters(paramLabel = "SERIES", arity = "1..*", description = "energy-series files")
    List<Path> files;
    @Option(names = "--out", paramLabel = "DIR", description = "directory for the PNGs (default ${DEFAULT-VALUE})")
    Path out = Path.of(".");

    @Override
    public Integer call() throws IOException {
        Map<String, List<EnergySeries>> bySystem = new LinkedHashMap<>();
        for (Path f : files) {
            EnergySeries s = EnergySeries.read(f);
            bySystem.computeIfAbsent(s.system(), k -> new ArrayList<>()).add(s);
        }
        Files.createDirectories(out);
        System.out.println("| system | engine | dt | atoms | samples | drift per atom | RMS per atom | drift / std(KE) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        List<String> fits = new ArrayList<>();
        for (var sys : bySystem.entrySet()) {
            for (var eng : SweepPlots.byEngine(sys.getValue()).entrySet()) {
                double[] dt = new double[eng.getValue().size()];
                double[] rms = new double[dt.length];
                int k = 0;
                for (EnergySeries s : eng.getValue()) {
                    EnergyDrift d = s.drift();
                    System.out.printf(Locale.ROOT, "| %s | %s | %s %s | %d | %d | %.3e %s/%s | %.3e %s | %.2e |%n",
                            s.system(), s.engine(), num(s.dt()), s.timeUnit(), s.atoms(), s.samples(), d.slopePerAtom(),
                            s.energyUnit(), s.timeUnit(), d.rmsPerAtom(), s.energyUnit(), d.driftOverKineticStd());
                    dt[k] = s.dt();
                    rms[k++] = d.rmsPerAtom();
                }
                if (dt.length >= 2) {
                    fits.add(String.format(Locale.ROOT, "%s %s: RMS ~ dt^%.2f (least squares over dt %s .. %s)",
                            sys.getKey(), eng.getKey(), PowerLawFit.of(dt, rms).exponent(), num(dt[0]),
                            num(dt[dt.length - 1])));
                }
            }
            SweepPlots.energyAgainstTime(sys.getKey(), sys.getValue(), out.resolve(sys.getKey() + "-energy.png"));
            SweepPlots.fluctuationAgainstTimestep(sys.getKey(), sys.getValue(),
                    out.resolve(sys.getKey() + "-fluctuation.png"));
        }
        System.out.println();
        fits.forEach(System.out::println);
        return 0;
    }

    private static String num(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
