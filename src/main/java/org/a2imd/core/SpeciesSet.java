package org.a2imd.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The species of a run, in the order that defines their type index (0, 1, ...). Immutable. */
public final class SpeciesSet {
    private final List<Species> list;

    public SpeciesSet(List<Species> species) {
        List<Species> copy = new ArrayList<>(species);
        for (int i = 0; i < copy.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (copy.get(i).name().equals(copy.get(j).name())) {
                    throw new IllegalArgumentException("species " + copy.get(i).name() + " is defined twice");
                }
            }
        }
        this.list = Collections.unmodifiableList(copy);
    }

    public static SpeciesSet of(Species... species) {
        return new SpeciesSet(List.of(species));
    }

    public int size() {
        return list.size();
    }

    public Species get(int type) {
        return list.get(type);
    }

    public String name(int type) {
        return list.get(type).name();
    }

    public double mass(int type) {
        return list.get(type).mass();
    }

    /** Type index of a species name, or -1 when it is not defined. */
    public int indexOf(String name) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<Species> asList() {
        return list;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Species s : list) {
            names.add(s.name());
        }
        return names;
    }
}
