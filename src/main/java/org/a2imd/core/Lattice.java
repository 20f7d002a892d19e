package org.a2imd.core;

import java.util.Locale;

/**
 * A crystal built from a conventional cubic cell (sc, bcc, fcc or diamond) replicated nx x ny x nz
 * times: positions, periodic box and lattice constant. The cell's basis follows LAMMPS's lattice
 * command, so atom order is cell by cell (x slowest, then y, then z) and within a cell in basis order.
 *
 * <p>The size of the cell comes either from the lattice constant a or from a number density rho
 * (atoms per volume, so a = (basis / rho)^(1/3)); {@link #ofScale} applies LAMMPS's rule that the
 * number given is a reduced density rho* in lj units and a lattice constant in all others.
 */
public final class Lattice {
    /** The cubic lattices, with their basis in fractions of the conventional cell. */
    public enum Kind {
        SC("sc", 1.0, 6, 0, 0, 0),
        BCC("bcc", Math.sqrt(3) / 2, 8, 0, 0, 0, 0.5, 0.5, 0.5),
        FCC("fcc", Math.sqrt(0.5), 12, 0, 0, 0, 0.5, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0.5),
        DIAMOND("diamond", Math.sqrt(3) / 4, 4, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0,
                0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.25, 0.75, 0.75, 0.75, 0.25);

        /** Name in decks. */
        public final String id;
        /** Nearest-neighbour distance in units of the lattice constant. */
        public final double nearestNeighbour;
        /** Number of nearest neighbours. */
        public final int coordination;
        private final double[] basis;

        Kind(String id, double nearestNeighbour, int coordination, double... basis) {
            this.id = id;
            this.nearestNeighbour = nearestNeighbour;
            this.coordination = coordination;
            this.basis = basis;
        }

        /** Atoms per conventional cell. */
        public int basisCount() {
            return basis.length / 3;
        }

        /** Fractional coordinate {@code c} (0..2) of basis atom {@code k}. */
        public double basis(int k, int c) {
            return basis[3 * k + c];
        }

        /** The lattice of a name (case-insensitive). */
        public static Kind byId(String name) {
            for (Kind k : values()) {
                if (k.id.equalsIgnoreCase(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown lattice '" + name + "': expected sc, bcc, fcc or diamond");
        }
    }

    private final Kind kind;
    private final double a;
    private final int nx;
    private final int ny;
    private final int nz;
    private final Box box;
    private final double[] positions;

    private Lattice(Kind kind, double a, int nx, int ny, int nz) {
        this.kind = kind;
        this.a = a;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.box = Box.orthorhombic(nx * a, ny * a, nz * a);
        int nb = kind.basisCount();
        positions = new double[3 * nb * nx * ny * nz];
        int p = 0;
        for (int ix = 0; ix < nx; ix++) {
            for (int iy = 0; iy < ny; iy++) {
                for (int iz = 0; iz < nz; iz++) {
                    for (int k = 0; k < nb; k++) {
                        positions[p++] = a * (ix + kind.basis(k, 0));
                        positions[p++] = a * (iy + kind.basis(k, 1));
                        positions[p++] = a * (iz + kind.basis(k, 2));
                    }
                }
            }
        }
    }

    /** A crystal with lattice constant {@code a} (length units), nx x ny x nz conventional cells. */
    public static Lattice withConstant(Kind kind, double a, int nx, int ny, int nz) {
        if (kind == null) {
            throw new IllegalArgumentException("lattice kind is missing");
        }
        if (!(a > 0) || !Double.isFinite(a)) {
            throw new IllegalArgumentException("lattice constant must be a positive number, got " + a);
        }
        checkCells(nx, ny, nz);
        return new Lattice(kind, a, nx, ny, nz);
    }

    /** A crystal with number density {@code density} (atoms per volume), nx x ny x nz cells. */
    public static Lattice withDensity(Kind kind, double density, int nx, int ny, int nz) {
        return withConstant(kind, constantForDensity(kind, density), nx, ny, nz);
    }

    /**
     * A crystal as LAMMPS's {@code lattice kind scale} would make it: in lj units {@code scale} is the
     * reduced number density rho*, in every other unit system the lattice constant.
     */
    public static Lattice ofScale(Kind kind, Units units, double scale, int nx, int ny, int nz) {
        return units == Units.LJ ? withDensity(kind, scale, nx, ny, nz) : withConstant(kind, scale, nx, ny, nz);
    }

    /** Lattice constant that gives {@code density} atoms per volume. */
    public static double constantForDensity(Kind kind, double density) {
        if (kind == null) {
            throw new IllegalArgumentException("lattice kind is missing");
        }
        if (!(density > 0) || !Double.isFinite(density)) {
            throw new IllegalArgumentException("number density must be a positive number, got " + density);
        }
        return Math.cbrt(kind.basisCount() / density);
    }

    private static void checkCells(int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "lattice repetitions must be at least 1 in each direction, got %d x %d x %d", nx, ny, nz));
        }
        if ((long) nx * ny * nz > Integer.MAX_VALUE / 24) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "lattice of %d x %d x %d cells is too large", nx, ny, nz));
        }
    }

    public Kind kind() {
        return kind;
    }

    public double latticeConstant() {
        return a;
    }

    /** Number of conventional cells along a, b, c. */
    public int[] cells() {
        return new int[] {nx, ny, nz};
    }

    public int basisCount() {
        return kind.basisCount();
    }

    /** Number of atoms. */
    public int count() {
        return positions.length / 3;
    }

    public Box box() {
        return box;
    }

    /** Positions x, y, z of every atom, inside the box (a new array each call). */
    public double[] positions() {
        return positions.clone();
    }

    /** Number density, atoms per volume. */
    public double density() {
        return count() / box.volume();
    }

    /**
     * Splits {@code sites} into exact counts per species in proportion to {@code weights} (fractions or
     * ratios such as 80:20): each gets floor(sites * w / sum), and the sites left over go to the largest
     * remainders (the first species on ties).
     */
    public static int[] speciesCounts(int sites, double[] weights) {
        if (sites < 0) {
            throw new IllegalArgumentException("number of sites must not be negative, got " + sites);
        }
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("composition needs at least one species fraction");
        }
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            double w = weights[k];
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("fraction of species " + (k + 1) + " must be zero or positive, got " + w);
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("species fractions add up to zero");
        }
        int[] counts = new int[weights.length];
        double[] remainder = new double[weights.length];
        int assigned = 0;
        for (int k = 0; k < weights.length; k++) {
            double exact = sites * weights[k] / sum;
            counts[k] = (int) Math.floor(exact);
            remainder[k] = exact - counts[k];
            assigned += counts[k];
        }
        for (; assigned < sites; assigned++) {
            int best = -1;
            for (int k = 0; k < weights.length; k++) {
                if (weights[k] > 0 && (best < 0 || remainder[k] > remainder[best])) {
                    best = k;
                }
            }
            counts[best]++;
            remainder[best] = -1;
        }
        return counts;
    }

    /**
     * Species index of each of {@code sites} sites: exactly {@link #speciesCounts} of each, placed by a
     * seeded Fisher-Yates shuffle so that the same seed gives the same arrangement.
     */
    public static int[] assignSpecies(int sites, double[] weights, Rng rng) {
        int[] counts = speciesCounts(sites, weights);
        int[] type = new int[sites];
        int p = 0;
        for (int k = 0; k < counts.length; k++) {
            for (int c = 0; c < counts[k]; c++) {
                type[p++] = k;
            }
        }
        for (int i = sites - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = type[i];
            type[i] = type[j];
            type[j] = t;
        }
        return type;
    }
}
