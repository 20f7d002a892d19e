package org.a2imd.core;

/** A chemical species or LJ particle type: its name and mass (in the run's mass unit). */
public record Species(String name, double mass) {
    public Species {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("species name is empty");
        }
        if (!(mass > 0) || !Double.isFinite(mass)) {
            throw new IllegalArgumentException("mass of species " + name + " must be positive, got " + mass);
        }
    }
}
