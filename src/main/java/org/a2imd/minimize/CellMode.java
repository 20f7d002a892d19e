package org.a2imd.minimize;

/** Which cell degrees of freedom a minimisation relaxes along with the atom positions. */
public enum CellMode {
    /** Fixed cell. */
    NONE("none"),
    /** One scale factor: the cell keeps its shape, only its volume changes. */
    ISO("iso"),
    /** The three cell lengths independently (diagonal deformation); angles are kept. */
    ANISO("aniso");

    public final String id;

    CellMode(String id) {
        this.id = id;
    }

    public static CellMode byId(String id) {
        for (CellMode m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown cell mode " + id);
    }
}
