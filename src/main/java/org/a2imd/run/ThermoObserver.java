package org.a2imd.run;

import java.io.IOException;
import java.util.Locale;
import org.a2imd.nnp.CommitteeForceField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thermo lines every N steps, LAMMPS-style, to the terminal (logger "org.a2imd.thermo") and to an
 * optional file. Energies are totals in the run's energy unit; pressure includes the kinetic term.
 */
public final class ThermoObserver implements Observer, WritesFile {
    private static final Logger LOG = LoggerFactory.getLogger("org.a2imd.thermo");
    private static final String HEADER_FORMAT = "%10s %12s %12s %16s %16s %16s %16s %14s %8s";
    private static final String ROW_FORMAT = "%10d %12.6g %12.6g %16.9g %16.9g %16.9g %16.9g %14.7g %8d";
    private static final String DEVIATION_HEADER_FORMAT = " %18s %12s %12s %16s";
    private static final String DEVIATION_ROW_FORMAT = " %18.6e %12.6e %12.6e %16.6e";

    private final long every;
    private final OutputFile file;
    private final boolean resumed;
    private ThermoSample last;

    /** file may be null (terminal only); resumed: the file already has its header. */
    public ThermoObserver(long every, OutputFile file, boolean resumed) {
        if (every < 1) {
            throw new IllegalArgumentException("thermo interval must be at least 1");
        }
        this.every = every;
        this.file = file;
        this.resumed = resumed;
    }

    @Override
    public OutputFile outputFile() {
        return file;
    }

    public static String header(String energyUnit, String temperatureUnit, String pressureUnit) {
        return String.format(Locale.ROOT, HEADER_FORMAT, "Step", "Time", "Temp[" + temperatureUnit + "]",
                "PotEng[" + energyUnit + "]", "KinEng", "TotEng", "Conserved", "Press[" + pressureUnit + "]",
                "NBuild");
    }

    /** The header with the committee's model-deviation columns appended when {@code deviation}. */
    public static String header(String energyUnit, String lengthUnit, String temperatureUnit, String pressureUnit,
            boolean deviation) {
        String h = header(energyUnit, temperatureUnit, pressureUnit);
        if (!deviation) {
            return h;
        }
        return h + String.format(Locale.ROOT, DEVIATION_HEADER_FORMAT,
                "devi_f_max[" + energyUnit + "/" + lengthUnit + "]", "devi_f_mean", "devi_f_min",
                "devi_e[" + energyUnit + "/atom]");
    }

    public static String row(ThermoSample t) {
        String r = String.format(Locale.ROOT, ROW_FORMAT, t.step(), t.time(), t.temperature(), t.potential(),
                t.kinetic(), t.total(), t.conserved(), t.pressure(), t.neighborBuilds());
        if (!t.deviation()) {
            return r;
        }
        return r + String.format(Locale.ROOT, DEVIATION_ROW_FORMAT, t.deviFMax(), t.deviFMean(), t.deviFMin(),
                t.deviE());
    }

    @Override
    public void start(Simulation sim) throws IOException {
        var u = sim.state().units;
        boolean deviation = CommitteeForceField.in(sim.forces().field()) != null;
        String header = header(u.energy, u.length, u.temperature, u.pressure, deviation);
        LOG.info(header);
        if (file != null && !resumed) {
            file.record().write("# a2imd thermo, units " + u.id + ", energies are totals over "
                    + sim.state().n + " atoms"
                    + (deviation ? "; devi_* are the committee's model deviation: per-atom force deviation "
                            + "max/mean/min over atoms, and the spread of the members' energy per atom" : "")
                    + "\n");
            file.record().write(header + "\n");
            file.commit();
        }
    }

    @Override
    public boolean wantsEnergy(Simulation sim, long step) {
        return step % every == 0 || step == sim.lastStep();
    }

    @Override
    public void observe(Simulation sim) throws IOException {
        if (!wantsEnergy(sim, sim.step())) {
            return;
        }
        last = ThermoSample.of(sim);
        String row = row(last);
        LOG.info(row);
        if (file != null) {
            file.record().write(row + "\n");
            file.commit();
        }
    }

    /** The last sample written (null before the first). */
    public ThermoSample last() {
        return last;
    }

    @Override
    public void finish(Simulation sim) throws IOException {
        if (file != null) {
            file.commit();
            file.sync();
        }
    }
}
