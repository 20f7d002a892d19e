package org.a2imd.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Units;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.io.ExtXyzWriter;
import org.a2imd.io.deck.Command;
import org.a2imd.io.deck.Deck;
import org.a2imd.minimize.CellMode;
import org.a2imd.minimize.ElasticConstants;
import org.a2imd.minimize.Minimization;
import org.a2imd.minimize.MinimizeSettings;
import org.a2imd.run.StateFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static actions of a deck, done before any dynamics: {@code minimize}, then {@code elastic}. They
 * change the state in place (the relaxed structure is where a following run starts) and print their
 * results as tables.
 */
final class MinimizeActions {
    private static final Logger LOG = LoggerFactory.getLogger(MinimizeActions.class);

    private MinimizeActions() {
    }

    /** True when the deck has a static action. */
    static boolean present(Deck deck) {
        return deck.optional("minimize").isPresent() || deck.optional("elastic").isPresent();
    }

    /** Performs the deck's minimize and elastic commands, in that order. */
    static void perform(Deck deck, AtomState state, ForceEvaluator forces) {
        deck.optional("minimize").ifPresent(c -> minimize(c, state, forces));
        deck.optional("elastic").ifPresent(c -> elastic(c, state, forces));
    }

    private static void minimize(Command c, AtomState state, ForceEvaluator forces) {
        Units u = state.units;
        MinimizeSettings settings = new MinimizeSettings(MinimizeSettings.Style.byId(c.getWord("style")),
                c.getDouble("etol"), c.getDouble("ftol"), c.getInt("maxiter"), c.getDouble("dmax"));
        CellMode cell = CellMode.byId(c.getWord("cell"));
        double target = c.has("pressure") ? c.getDouble("pressure") : 0.0;
        LOG.info(String.format(Locale.ROOT, "minimize: style %s, etol %s, ftol %s %s/%s, maxiter %d, cell %s%s",
                settings.style().id, number(settings.etol()), number(settings.ftol()), u.energy, u.length,
                settings.maxIterations(), cell.id, cell == CellMode.NONE ? ""
                        : String.format(Locale.ROOT, ", pressure %s %s", number(target), u.pressure)));
        double before = energy(state, forces);
        long t0 = System.nanoTime();
        Minimization.Result r = Minimization.run(state, forces, settings, cell, target / u.nktv2p);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Box b = state.box();
        double[] p = r.pressureTensor();
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "minimize: %s after %d iterations, %d force evaluations, %.3f s%n",
                r.stop().description, r.iterations(), r.evaluations(), seconds));
        t.append(row("energy, initial", before, u.energy, before / state.n));
        t.append(row("energy, final", r.energy(), u.energy, r.energy() / state.n));
        if (cell != CellMode.NONE) {
            t.append(row("enthalpy E + PV", r.enthalpy(), u.energy, r.enthalpy() / state.n));
        }
        t.append(String.format(Locale.ROOT, "  %-18s %18.6e %s/%s%n", "max atom force", r.maxForce(), u.energy, u.length));
        t.append(String.format(Locale.ROOT, "  %-18s %18.6g %s   (Pxx %.6g  Pyy %.6g  Pzz %.6g  Pyz %.3g  Pxz %.3g  Pxy %.3g)%n",
                "pressure (static)", r.pressure() * u.nktv2p, u.pressure, p[0] * u.nktv2p, p[4] * u.nktv2p,
                p[8] * u.nktv2p, p[5] * u.nktv2p, p[2] * u.nktv2p, p[1] * u.nktv2p));
        t.append(String.format(Locale.ROOT, "  %-18s %18.8f %s^3%n", "volume", r.volume(), u.length));
        t.append(String.format(Locale.ROOT, "  %-18s %18.8f %18.8f %18.8f %s (lengths of a, b, c)%n", "cell",
                length(b, 0), length(b, 1), length(b, 2), u.length));
        LOG.info(t.toString().stripTrailing());
        if (r.stop() == MinimizeSettings.Stop.MAX_ITERATIONS) {
            LOG.warn("minimize stopped at maxiter {} with max force {} {}/{}, above ftol: the structure is not relaxed",
                    settings.maxIterations(), String.format(Locale.ROOT, "%.3g", r.maxForce()), u.energy, u.length);
        }
    }

    private static void elastic(Command c, AtomState state, ForceEvaluator forces) {
        Units u = state.units;
        double strain = c.getDouble("strain");
        boolean relax = c.getBool("relax");
        MinimizeSettings settings = new MinimizeSettings(MinimizeSettings.Style.CG, 0.0, c.getDouble("ftol"),
                c.getInt("maxiter"), 0.1);
        double factor = u == Units.METAL ? ElasticConstants.EV_PER_A3_IN_GPA : 1.0;
        String unit = u == Units.METAL ? "GPa" : u.energy + "/" + u.length + "^3";
        double[] sigma0 = ElasticConstants.stress(virial(state, forces), state.box().volume());
        double maxForce = maxForce(state);
        long t0 = System.nanoTime();
        ElasticConstants.Result r = ElasticConstants.compute(state, forces, strain, relax, settings);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double[][] cm = r.c();
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "elastic constants at 0 K, %s, central differences of the stress "
                + "(sigma = -W/V) at strains +-%s, %s; %d force evaluations, %.3f s%n", unit, number(strain),
                relax ? String.format(Locale.ROOT, "internal coordinates relaxed (CG, residual force %.2g %s/%s)",
                        r.maxResidualForce(), u.energy, u.length) : "no internal relaxation", r.evaluations(), seconds));
        t.append(String.format(Locale.ROOT, "  %-4s", "C_ij"));
        for (int j = 0; j < 6; j++) {
            t.append(String.format(Locale.ROOT, " %12s", (j + 1) + " " + ElasticConstants.VOIGT[j]));
        }
        t.append('\n');
        for (int i = 0; i < 6; i++) {
            t.append(String.format(Locale.ROOT, "  %-4s", (i + 1) + " " + ElasticConstants.VOIGT[i]));
            for (int j = 0; j < 6; j++) {
                t.append(String.format(Locale.ROOT, " %12.4f", cm[i][j] * factor));
            }
            t.append('\n');
        }
        double c11 = (cm[0][0] + cm[1][1] + cm[2][2]) / 3 * factor;
        double c12 = (cm[0][1] + cm[0][2] + cm[1][2] + cm[1][0] + cm[2][0] + cm[2][1]) / 6 * factor;
        double c44 = (cm[3][3] + cm[4][4] + cm[5][5]) / 3 * factor;
        double[][] un = r.unrelaxed();
        double c44u = (un[3][3] + un[4][4] + un[5][5]) / 3 * factor;
        t.append(String.format(Locale.ROOT, "  cubic averages:  C11 %.4f  C12 %.4f  C44 %.4f %s%s%n", c11, c12, c44,
                unit, relax ? String.format(Locale.ROOT, "   (unrelaxed C44 %.4f)", c44u) : ""));
        t.append(String.format(Locale.ROOT, "  bulk modulus (Voigt) %.4f %s, shear modulus (Voigt) %.4f %s, "
                + "C' = (C11 - C12)/2 %.4f %s", ElasticConstants.bulkModulus(cm) * factor, unit,
                ElasticConstants.shearModulus(cm) * factor, unit, (c11 - c12) / 2, unit));
        LOG.info(t.toString());
        double stressScale = 0;
        double residualStress = 0;
        for (int i = 0; i < 6; i++) {
            stressScale = Math.max(stressScale, Math.abs(cm[i][i]));
            residualStress = Math.max(residualStress, Math.abs(sigma0[i]));
        }
        if (residualStress > 1e-4 * stressScale || maxForce > 1e-4) {
            LOG.warn(String.format(Locale.ROOT, "elastic: the starting structure is not relaxed (largest stress %.3g %s, "
                    + "max force %.3g %s/%s); add \"minimize cell aniso\" before it for the constants of the crystal "
                    + "at zero stress", residualStress * factor, unit, maxForce, u.energy, u.length));
        }
    }

    /** Writes the deck's write_final file, for a deck without a run (a run writes its own). */
    static void writeFinal(Deck deck, AtomState state, ForceEvaluator forces) throws IOException {
        var cmd = deck.optional("write_final");
        if (cmd.isEmpty()) {
            return;
        }
        Path abs = cmd.get().getPath("file").toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        energy(state, forces);
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            new ExtXyzWriter(w).write(StateFrames.of(state, forces, new StateFrames.Columns(true, true, false)));
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("wrote the final structure to {}", abs);
    }

    private static String row(String label, double total, String unit, double perAtom) {
        return String.format(Locale.ROOT, "  %-18s %18.10f %s   (%.10f %s/atom)%n", label, total, unit, perAtom, unit);
    }

    /** A deck number as the user would write it: 0, 1e-10, 2.5. */
    private static String number(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1");
    }

    private static double length(Box b, int k) {
        double[] v = b.vector(k);
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private static double energy(AtomState s, ForceEvaluator f) {
        f.requestEnergy(true);
        f.evaluate(s, false);
        return f.energy();
    }

    private static double[] virial(AtomState s, ForceEvaluator f) {
        energy(s, f);
        return f.virial().clone();
    }

    private static double maxForce(AtomState s) {
        double largest = 0;
        for (int i = 0; i < s.n; i++) {
            double fx = s.force[3 * i];
            double fy = s.force[3 * i + 1];
            double fz = s.force[3 * i + 2];
            largest = Math.max(largest, fx * fx + fy * fy + fz * fz);
        }
        return Math.sqrt(largest);
    }
}
