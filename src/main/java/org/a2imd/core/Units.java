package org.a2imd.core;

/**
 * Unit systems as LAMMPS defines them. A run uses one system throughout; these constants convert
 * only at the edges (kinetic energy, temperature, pressure).
 */
public enum Units {
    /** Reduced Lennard-Jones units: epsilon, sigma, mass and k_B are 1. */
    LJ("lj", 1.0, 1.0, 1.0, 1.0, "sigma", "epsilon", "tau", "T*", "P*"),
    /** Angstrom, eV, ps, g/mol, K, bar (constants of LAMMPS's update.cpp). */
    METAL("metal", 8.617343e-5, 1.0364269e-4, 1.6021765e6, 14.399645, "A", "eV", "ps", "K", "bar");

    /** Name used in decks and files. */
    public final String id;
    /** Boltzmann constant in energy per temperature. */
    public final double boltz;
    /** mass * velocity^2 to energy. */
    public final double mvv2e;
    /** energy / volume to pressure. */
    public final double nktv2p;
    /** Coulomb constant: q_i q_j / r (charges in e, or reduced) to energy (LAMMPS's qqr2e; eV A / e^2 in metal). */
    public final double qqrd2e;
    public final String length;
    public final String energy;
    public final String time;
    public final String temperature;
    public final String pressure;

    Units(String id, double boltz, double mvv2e, double nktv2p, double qqrd2e, String length, String energy, String time,
            String temperature, String pressure) {
        this.id = id;
        this.boltz = boltz;
        this.mvv2e = mvv2e;
        this.nktv2p = nktv2p;
        this.qqrd2e = qqrd2e;
        this.length = length;
        this.energy = energy;
        this.time = time;
        this.temperature = temperature;
        this.pressure = pressure;
    }

    /** force / mass to acceleration (length / time^2). */
    public double ftm2v() {
        return 1.0 / mvv2e;
    }

    /** The unit system of a deck or file name, or null when there is none of that name. */
    public static Units byId(String id) {
        for (Units u : values()) {
            if (u.id.equals(id)) {
                return u;
            }
        }
        return null;
    }
}
