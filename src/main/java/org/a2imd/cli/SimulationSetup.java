package org.a2imd.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.a2imd.core.AtomState;
import org.a2imd.core.InputException;
import org.a2imd.core.Lattice;
import org.a2imd.core.Rng;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceField;
import org.a2imd.force.LennardJones;
import org.a2imd.force.StillingerWeber;
import org.a2imd.force.SumForceField;
import org.a2imd.force.ewald.CoulombForceField;
import org.a2imd.force.ewald.DispersionForceField;
import org.a2imd.force.ewald.EwaldParameters;
import org.a2imd.integrate.Csvr;
import org.a2imd.integrate.Integrator;
import org.a2imd.integrate.LangevinBaoab;
import org.a2imd.integrate.VelocityVerlet;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;
import org.a2imd.io.SwFile;
import org.a2imd.io.deck.Command;
import org.a2imd.io.deck.Deck;
import org.a2imd.neighbor.CellListPairFinder;
import org.a2imd.neighbor.NeighborList;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.nnp.CommitteeForceField;

/**
 * Turns a parsed deck into the objects of a run: force field, initial state, integrator. Semantic
 * errors (unknown species in a data file, overlapping atoms, impossible parameters) are reported at the
 * deck line that caused them.
 */
final class SimulationSetup {
    /** More atoms than this is almost surely a typo in a replicate count, and would not fit in memory. */
    static final long MAX_ATOMS = 50_000_000L;
    /**
     * Positions further than this many cell lengths from the cell are refused: wrapping 1e4 cells away
     * still keeps 12 significant digits, while 1e20 keeps none (unwrapped trajectories stay far below).
     */
    static final double MAX_CELLS_AWAY = 1e4;
    /** Default closest approach allowed at the start, in length units (sigma in lj, Angstrom in metal). */
    static final double DEFAULT_MIN_DISTANCE = 0.5;
    /** A one-thread pool starts no threads, so it needs no closing. */
    private static final WorkerPool SERIAL = new WorkerPool(1);

    private SimulationSetup() {
    }

    /** The deck's potentials; several potential lines add up. */
    static ForceField forceField(Deck deck, SpeciesSet species) throws IOException {
        List<ForceField> terms = new ArrayList<>();
        for (Command p : deck.all("potential")) {
            switch (p.variant()) {
                case "lj" -> terms.add(lennardJones(deck, p, species));
                case "coulomb" -> terms.add(coulomb(p, deck.units(), species));
                case "dispersion" -> terms.add(dispersion(p, species));
                case "sw" -> terms.add(new StillingerWeber(SwFile.read(p.getPath("file"), species)));
                case "a2i" -> terms.add(a2i(p, deck.units(), species));
                default -> throw p.error("potential " + p.variant() + " is not available in this build of a2imd");
            }
        }
        return terms.size() == 1 ? terms.get(0) : new SumForceField(terms);
    }

    /** Default relative accuracy of an Ewald sum when the deck gives neither accuracy nor alpha. */
    static final double DEFAULT_EWALD_ACCURACY = 1e-6;

    private static CoulombForceField coulomb(Command p, Units units, SpeciesSet species) {
        double[] q = perSpecies(p, "charges", "a charge", species);
        try {
            return new CoulombForceField(species, q, ewaldParameters(p, 1), units.qqrd2e, p.getBool("background"));
        } catch (IllegalArgumentException e) {
            throw p.error(e.getMessage());
        }
    }

    private static DispersionForceField dispersion(Command p, SpeciesSet species) {
        double[] c6 = perSpecies(p, "c6", "a C6", species);
        try {
            return new DispersionForceField(species, c6, ewaldParameters(p, 6));
        } catch (IllegalArgumentException e) {
            throw p.error(e.getMessage());
        }
    }

    private static EwaldParameters ewaldParameters(Command p, int exponent) {
        double rc = p.getDouble("cutoff");
        if (p.has("alpha")) {
            return EwaldParameters.manual(exponent, rc, p.getDouble("alpha"), p.getDouble("kmax"));
        }
        return EwaldParameters.automatic(exponent, rc,
                p.has("accuracy") ? p.getDouble("accuracy") : DEFAULT_EWALD_ACCURACY);
    }

    /** One value per deck species from NAME VALUE pairs; every species needs one (0 is fine). */
    private static double[] perSpecies(Command p, String option, String what, SpeciesSet species) {
        Map<String, Double> given = p.getPairs(option);
        double[] v = new double[species.size()];
        for (int t = 0; t < species.size(); t++) {
            Double x = given.get(species.name(t));
            if (x == null) {
                throw p.error(option, "species " + species.name(t) + " has no " + option + " value: give " + what
                        + " for every species (0 for species that do not take part)");
            }
            v[t] = x;
        }
        return v;
    }

    /**
     * Refuses a cell whose net charge is not zero under a {@code potential coulomb} without
     * {@code background yes}: its Coulomb energy is infinite. Reported at the potential line.
     */
    static void checkCharges(Deck deck, AtomState s) {
        for (Command p : deck.all("potential")) {
            if (!"coulomb".equals(p.variant()) || p.getBool("background")) {
                continue;
            }
            Map<String, Double> q = p.getPairs("charges");
            double net = 0;
            double scale = 0;
            for (int i = 0; i < s.n; i++) {
                double qi = q.getOrDefault(s.species.name(s.type[i]), 0.0);
                net += qi;
                scale += Math.abs(qi);
            }
            if (Math.abs(net) > 1e-10 * scale) {
                throw p.error(String.format(java.util.Locale.ROOT,
                        "the cell's net charge is %.6g, not zero: its Coulomb energy is infinite (make the cell "
                                + "neutral, or add \"background yes\" for a uniform neutralising background)", net));
            }
        }
    }

    /**
     * One A2I model, or a committee when the line names several files. Each member must fit the run
     * (units, species); an error names the deck line, the member and its file.
     */
    private static ForceField a2i(Command p, Units units, SpeciesSet species) {
        List<Path> files = p.getPaths("file");
        List<A2IForceField> members = new ArrayList<>();
        List<String> firstSpecies = null;
        for (int m = 0; m < files.size(); m++) {
            Path file = files.get(m);
            A2IModel model = A2IModelFile.read(file);
            String who = files.size() > 1 ? "committee member " + (m + 1) + " (" + file + ")" : "model " + file;
            int[] typeMap;
            try {
                typeMap = A2IModelFile.checkCompatible(model, file.toString(), units, species);
            } catch (InputException e) {
                throw p.error("file", m, who + ": " + e.problem());
            }
            if (firstSpecies == null) {
                firstSpecies = model.species();
            } else if (!new java.util.HashSet<>(model.species()).equals(new java.util.HashSet<>(firstSpecies))) {
                throw p.error("file", m, who + " has species " + String.join(", ", model.species())
                        + ", member 1 (" + files.get(0) + ") has " + String.join(", ", firstSpecies)
                        + "; a committee's models must share their species");
            }
            members.add(new A2IForceField(model, typeMap));
        }
        return members.size() == 1 ? members.get(0) : new CommitteeForceField(members);
    }

    private static LennardJones lennardJones(Deck deck, Command p, SpeciesSet species) {
        LennardJones.Builder b = new LennardJones.Builder(species).cutoff(p.getDouble("cutoff"))
                .shift(p.getBool("shift")).tail(p.getBool("tail"))
                .mixing("geometric".equals(p.getWord("mixing")) ? LennardJones.Mixing.GEOMETRIC
                        : LennardJones.Mixing.LORENTZ_BERTHELOT);
        for (Command c : deck.pairCoeffs(p)) {
            try {
                if (c.has("cutoff")) {
                    b.pair(c.getWord("a"), c.getWord("b"), c.getDouble("epsilon"), c.getDouble("sigma"),
                            c.getDouble("cutoff"));
                } else {
                    b.pair(c.getWord("a"), c.getWord("b"), c.getDouble("epsilon"), c.getDouble("sigma"));
                }
            } catch (IllegalArgumentException e) {
                throw c.error(e.getMessage());
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw p.error(e.getMessage());
        }
    }

    /** Skin of the neighbour list: the deck's, or the default of its unit system. */
    static double skin(Deck deck, Units units) {
        var n = deck.optional("neighbor");
        if (n.isPresent() && n.get().has("skin")) {
            return n.get().getDouble("skin");
        }
        return units == Units.LJ ? 0.3 : 1.0;
    }

    /** The starting structure from a lattice command or an extxyz file (velocities are zero unless read). */
    static AtomState structure(Deck deck, Units units, SpeciesSet species) throws IOException {
        var lattice = deck.optional("lattice");
        AtomState s = lattice.isPresent() ? fromLattice(lattice.get(), units, species)
                : fromExtXyz(deck.one("read_extxyz"), units, species);
        var strain = deck.optional("strain");
        if (strain.isPresent()) {
            applyStrain(strain.get(), s);
        }
        return s;
    }

    /** Deforms the starting cell and positions by x -> (I + e) x with the symmetric strain e of the deck. */
    private static void applyStrain(Command c, AtomState s) {
        double xx = c.getDouble("xx");
        double yy = c.getDouble("yy");
        double zz = c.getDouble("zz");
        double yz = c.getDouble("yz");
        double xz = c.getDouble("xz");
        double xy = c.getDouble("xy");
        try {
            s.deform(new double[] {xx, xy, xz, xy, yy, yz, xz, yz, zz});
        } catch (IllegalArgumentException e) {
            throw c.error("the strained cell is invalid: " + e.getMessage());
        }
        s.box().wrap(s.pos, s.image, s.n);
    }

    private static AtomState fromLattice(Command c, Units units, SpeciesSet species) {
        int[] rep = c.getInts("replicate");
        Lattice.Kind kind = Lattice.Kind.byId(c.getWord("style"));
        long atoms = (long) rep[0] * rep[1] * rep[2] * kind.basisCount();
        if (atoms > MAX_ATOMS) {
            throw c.error("replicate", "the lattice would have " + atoms + " atoms, more than the limit of " + MAX_ATOMS);
        }
        Lattice lat;
        try {
            lat = c.has("density") ? Lattice.withDensity(kind, c.getDouble("density"), rep[0], rep[1], rep[2])
                    : Lattice.withConstant(kind, c.getDouble("constant"), rep[0], rep[1], rep[2]);
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
        int n = lat.count();
        int[] type = new int[n];
        if (c.has("composition")) {
            Map<String, Double> comp = c.getPairs("composition");
            double[] weights = new double[species.size()];
            for (var e : comp.entrySet()) {
                weights[species.indexOf(e.getKey())] += e.getValue();
            }
            type = Lattice.assignSpecies(n, weights, new Rng(c.getLong("seed")));
        } else if (c.has("species")) {
            java.util.Arrays.fill(type, species.indexOf(c.getWord("species")));
        } else if (species.size() != 1) {
            throw c.error("a lattice with several species defined needs \"species NAME\" or \"composition A x B y ... seed S\"");
        }
        return new AtomState(units, species, lat.box(), type, lat.positions());
    }

    private static AtomState fromExtXyz(Command c, Units units, SpeciesSet species) throws IOException {
        Path file = c.getPath("file");
        int wanted = c.has("frame") ? c.getInt("frame") : -1;
        ExtXyzFrame frame = null;
        int frameLine = 0;
        List<ExtXyzFrame> keep = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (ExtXyzReader r = ExtXyzReader.open(file)) {
            while (true) {
                int line = r.line() + 1;
                ExtXyzFrame f = r.next();
                if (f == null) {
                    break;
                }
                // Keep only what can still be asked for: frame k from the start, or the last |k| frames.
                keep.add(f);
                lines.add(line);
                if (wanted >= 0 && keep.size() > wanted) {
                    break;
                }
                if (wanted < 0 && keep.size() > -wanted) {
                    keep.remove(0);
                    lines.remove(0);
                }
            }
        }
        int count = keep.size();
        if (wanted >= 0 && count == wanted + 1) {
            frame = keep.get(wanted);
            frameLine = lines.get(wanted);
        } else if (wanted < 0 && count == -wanted) {
            frame = keep.get(0);
            frameLine = lines.get(0);
        }
        if (frame == null) {
            throw c.error("frame", file + " does not have frame " + wanted
                    + (wanted >= 0 ? " (frames count from 0)" : ""));
        }
        AtomState s = stateOf(frame, units, species, file.toString(), frameLine);
        if (frame.velocities != null) {
            System.arraycopy(frame.velocities, 0, s.vel, 0, 3 * s.n);
        }
        return s;
    }

    /** The deck's integrator. */
    static Integrator integrator(Deck deck) {
        double dt = deck.one("timestep").getDouble("dt");
        var opt = deck.optional("integrator");
        if (opt.isEmpty()) {
            return new VelocityVerlet(dt);
        }
        Command c = opt.get();
        return switch (c.variant()) {
            case "nve" -> new VelocityVerlet(dt);
            case "langevin" -> new LangevinBaoab(dt, c.getDouble("temperature"), c.getDouble("damping"),
                    c.getLong("seed"));
            case "csvr" -> new Csvr(dt, c.getDouble("temperature"), c.getDouble("tau"), c.getLong("seed"));
            default -> throw c.error("unknown integrator " + c.variant());
        };
    }

    /**
     * Refuses, at set-up and before anything is allocated, a force field whose cutoff reaches so many
     * periodic images of the starting cell that the neighbour list would not fit in memory. Reported at the
     * potential line with the longest cutoff (the skin is part of the list cutoff and named in the message).
     */
    static void checkNeighborList(Deck deck, AtomState s, NeighborList list) {
        try {
            list.checkSize(s.box(), s.n);
        } catch (org.a2imd.neighbor.ListTooLargeException e) {
            throw longestCutoffLine(deck).error(e.getMessage());
        }
    }

    /** The potential line with the longest explicit cutoff; else the first a2i line (its model has one); else the first. */
    private static Command longestCutoffLine(Deck deck) {
        Command best = null;
        double longest = -1;
        for (Command p : deck.all("potential")) {
            if (java.util.Set.of("lj", "coulomb", "dispersion").contains(p.variant()) && p.has("cutoff")
                    && p.getDouble("cutoff") > longest) {
                longest = p.getDouble("cutoff");
                best = p;
            }
        }
        for (Command p : deck.all("potential")) {
            if ("a2i".equals(p.variant())) {
                return p;
            }
        }
        return best != null ? best : deck.all("potential").get(0);
    }

    /**
     * Refuses a start with two atoms closer than the deck's min_distance (default 0.5 length units):
     * such a start blows up at once or means the structure is wrong.
     */
    static void checkOverlaps(Deck deck, AtomState s) {
        var cmd = deck.optional("min_distance");
        double dmin = cmd.isPresent() ? cmd.get().getDouble("distance") : DEFAULT_MIN_DISTANCE;
        NeighborList nl = new NeighborList(dmin, 0.0, true, false, new CellListPairFinder(SERIAL));
        try {
            nl.checkSize(s.box(), s.n);
        } catch (org.a2imd.neighbor.ListTooLargeException e) {
            throw cmd.isPresent() ? cmd.get().error("distance", "min_distance " + dmin + " is far beyond the cell: "
                    + e.getMessage())
                    : deck.optional("lattice").orElseGet(() -> deck.one("read_extxyz")).error(e.getMessage());
        }
        // Built on a copy: a build wraps positions, and the run's state must stay as it was made.
        nl.build(new AtomState(s.units, s.species, s.box(), s.type, s.pos));
        double d2min = dmin * dmin;
        for (int i = 0; i < nl.nLocal; i++) {
            for (int k = nl.halfStart[i]; k < nl.halfEnd[i]; k++) {
                int j = nl.half[k];
                double dx = nl.x[3 * j] - nl.x[3 * i];
                double dy = nl.x[3 * j + 1] - nl.x[3 * i + 1];
                double dz = nl.x[3 * j + 2] - nl.x[3 * i + 2];
                double d2 = dx * dx + dy * dy + dz * dz;
                if (d2 < d2min) {
                    Command where = deck.optional("lattice").orElseGet(() -> deck.one("read_extxyz"));
                    throw where.error(String.format(java.util.Locale.ROOT,
                            "atoms %d and %d are %.4g %s apart at the start, closer than min_distance %.4g "
                                    + "(fix the structure, or lower min_distance if this is intended)",
                            i + 1, nl.owner[j] + 1, Math.sqrt(d2), s.units.length, dmin));
                }
            }
        }
    }

    /** The state of one frame, species mapped by name onto the deck's. */
    static AtomState stateOf(ExtXyzFrame frame, Units units, SpeciesSet species, String file, int line) {
        if (frame.box == null) {
            throw new InputException(file, line, "the frame has no Lattice; a2imd evaluates periodic cells only");
        }
        if (!(frame.pbc[0] && frame.pbc[1] && frame.pbc[2])) {
            throw new InputException(file, line, "the frame is not periodic in all three directions (pbc)");
        }
        int n = frame.size();
        if (n == 0) {
            throw new InputException(file, line, "the frame has no atoms");
        }
        String frameUnits = frame.info.get("units");
        if (frameUnits != null && !frameUnits.equals(units.id)) {
            throw new InputException(file, line + 1, "the frame says units=" + frameUnits + " but the deck uses units "
                    + units.id + ": its lengths (and energies, forces) would be misread (convert the file, or fix "
                    + "the deck's units)");
        }
        double[] f = new double[3];
        for (int i = 0; i < n; i++) {
            double x = frame.pos[3 * i];
            double y = frame.pos[3 * i + 1];
            double z = frame.pos[3 * i + 2];
            frame.box.toFractional(x, y, z, f);
            if (!(Math.abs(f[0]) <= MAX_CELLS_AWAY && Math.abs(f[1]) <= MAX_CELLS_AWAY && Math.abs(f[2]) <= MAX_CELLS_AWAY)) {
                throw new InputException(file, line + 2 + i, String.format(java.util.Locale.ROOT,
                        "atom %d at (%.6g, %.6g, %.6g) is %.3g cell lengths from the cell, beyond the limit of %.0g: "
                                + "wrapping it would keep no significant digits (a unit or format error?)",
                        i + 1, x, y, z, Math.max(Math.abs(f[0]), Math.max(Math.abs(f[1]), Math.abs(f[2]))), MAX_CELLS_AWAY));
            }
        }
        int[] type = new int[n];
        for (int i = 0; i < n; i++) {
            type[i] = species.indexOf(frame.species[i]);
            if (type[i] < 0) {
                throw new InputException(file, line + 2 + i, "species \"" + frame.species[i] + "\" of atom " + (i + 1)
                        + " is not defined in the deck (defined: " + String.join(", ", species.names()) + ")");
            }
        }
        return new AtomState(units, species, frame.box, type, frame.pos);
    }
}
