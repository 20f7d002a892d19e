package org.a2imd.nnp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.a2imd.core.InputException;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.force.ewald.LodeSpec;

/**
 * A2I model files: a self-describing text format, one key per line, then every weight segment by
 * name and shape, then a CRC-32 checksum of all preceding lines. Numbers are written with
 * {@link Double#toString}, which parses back to the same double, so a round trip is bit-exact.
 *
 * <pre>
 * format a2i-model
 * version 1
 * units lj
 * species 2 Ar Kr
 * cutoff 2.5
 * radial 16 / width 32 / heads 4 / layers 2 / ffn 32 / hidden 32 32 / envelope_p 6 / logit_bound 8.0
 * n0 55.1
 * energy_scale 1.0
 * e0 -3.1 -2.9                 (per species, in species order)
 * rbf_scale 1.1 1.1 ...        (K values)
 * lode_exponents 1 6           (only with the long-range channel: LodeSpec exponents,
 * lode_radii 2.0 4.0            radii and accuracy, then mean and spread of each of the
 * lode_accuracy 1.0E-6          F features over the training atoms; readout.W1 then has
 * lode_mean ... / lode_scale ...  d + F rows)
 * angular_factor yes           (only with the polynomial angular factor: blocks then hold alpha segments)
 * prior wall                   (only with a short-range prior, {@link PairPrior}: its form, then one line
 * prior_pair Ar Ar onset 0.9 strength 2.5   per unordered species pair with the form's parameters;
 * prior_pair Ar Kr ...          zbl: prior_pair Si Si z 14 14 inner 1.0 outer 2.0)
 * meta dataset lj_liquid.extxyz   (free-form provenance, any number of lines)
 * weights 12345                (total count, must match the architecture)
 * segment Wr 16 32             (name rows cols; then rows lines of cols numbers)
 * ...
 * checksum crc32 0a1b2c3d
 * </pre>
 * Lines starting with '#' and blank lines before the weights are ignored (but checksummed). The
 * lode_* keys are all present or all absent; a model without them is written exactly as before the
 * channel existed (same version), so older files read unchanged; the same holds for angular_factor
 * and prior.
 */
public final class A2IModelFile {
    public static final String FORMAT = "a2i-model";
    public static final int VERSION = 1;

    private static final String[] REQUIRED = {"units", "species", "cutoff", "radial", "width", "heads", "layers",
        "ffn", "hidden", "envelope_p", "logit_bound", "n0", "energy_scale", "e0", "rbf_scale"};
    /** The long-range channel: all or none. */
    private static final String[] LODE_KEYS = {"lode_exponents", "lode_radii", "lode_accuracy", "lode_mean",
        "lode_scale"};
    private static final String ANGULAR_KEY = "angular_factor";
    private static final String PRIOR_KEY = "prior";
    private static final String PRIOR_PAIR_KEY = "prior_pair";

    private A2IModelFile() {
    }

    /** Writes the model to a file (replacing it). */
    public static void write(A2IModel model, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(format(model));
        }
    }

    /** The complete file text of a model. */
    public static String format(A2IModel model) {
        A2IArchitecture a = model.architecture();
        StringBuilder sb = new StringBuilder();
        sb.append("format ").append(FORMAT).append('\n');
        sb.append("version ").append(VERSION).append('\n');
        sb.append("# A2I Transformer potential (a2imd). Weights follow by segment; the checksum covers every line.\n");
        sb.append("units ").append(model.units().id).append('\n');
        sb.append("species ").append(a.species());
        for (String s : model.species()) {
            sb.append(' ').append(s);
        }
        sb.append('\n');
        sb.append("cutoff ").append(a.cutoff()).append('\n');
        sb.append("radial ").append(a.radial()).append('\n');
        sb.append("width ").append(a.width()).append('\n');
        sb.append("heads ").append(a.heads()).append('\n');
        sb.append("layers ").append(a.layers()).append('\n');
        sb.append("ffn ").append(a.ffn()).append('\n');
        sb.append("hidden ").append(a.hidden1()).append(' ').append(a.hidden2()).append('\n');
        sb.append("envelope_p ").append(a.envelopeP()).append('\n');
        sb.append("logit_bound ").append(a.logitBound()).append('\n');
        sb.append("n0 ").append(model.n0()).append('\n');
        sb.append("energy_scale ").append(model.energyScale()).append('\n');
        sb.append("e0");
        for (double e : model.e0()) {
            sb.append(' ').append(e);
        }
        sb.append('\n');
        sb.append("rbf_scale");
        for (double s : model.rbfScale()) {
            sb.append(' ').append(s);
        }
        sb.append('\n');
        LodeSpec lode = a.lode();
        if (lode != null) {
            sb.append("lode_exponents");
            for (int p : lode.exponents()) {
                sb.append(' ').append(p);
            }
            sb.append('\n');
            vector(sb, "lode_radii", lode.radii());
            sb.append("lode_accuracy ").append(lode.accuracy()).append('\n');
            vector(sb, "lode_mean", model.lodeMean());
            vector(sb, "lode_scale", model.lodeScale());
        }
        if (a.angularFactor()) {
            sb.append(ANGULAR_KEY).append(" yes\n");
        }
        PairPrior prior = model.prior();
        if (prior != null) {
            sb.append(PRIOR_KEY).append(' ').append(prior.form().id).append('\n');
            for (int i = 0; i < a.species(); i++) {
                for (int j = i; j < a.species(); j++) {
                    double[] p = prior.parameters(i, j);
                    sb.append(PRIOR_PAIR_KEY).append(' ').append(model.species().get(i)).append(' ')
                            .append(model.species().get(j));
                    int k = 0;
                    for (String key : prior.form().keys) {
                        sb.append(' ').append(key);
                        for (int c = 0; c < (key.equals("z") ? 2 : 1); c++) {
                            sb.append(' ').append(p[k++]);
                        }
                    }
                    sb.append('\n');
                }
            }
        }
        for (Map.Entry<String, String> e : model.provenance().entrySet()) {
            String key = e.getKey().trim().replaceAll("\\s+", "_");
            String value = e.getValue() == null ? "" : e.getValue().replaceAll("[\\r\\n]+", " ").trim();
            sb.append("meta ").append(key.isEmpty() ? "_" : key);
            if (!value.isEmpty()) {
                sb.append(' ').append(value);
            }
            sb.append('\n');
        }
        double[] w = model.weights();
        sb.append("weights ").append(w.length).append('\n');
        for (A2IModel.Segment s : model.segments()) {
            sb.append("segment ").append(s.name()).append(' ').append(s.rows()).append(' ').append(s.cols()).append('\n');
            for (int r = 0; r < s.rows(); r++) {
                for (int c = 0; c < s.cols(); c++) {
                    if (c > 0) {
                        sb.append(' ');
                    }
                    sb.append(w[s.offset() + r * s.cols() + c]);
                }
                sb.append('\n');
            }
        }
        CRC32 crc = new CRC32();
        crc.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        sb.append("checksum crc32 ").append(String.format("%08x", crc.getValue())).append('\n');
        return sb.toString();
    }

    private static void vector(StringBuilder sb, String key, double[] v) {
        sb.append(key);
        for (double x : v) {
            sb.append(' ').append(x);
        }
        sb.append('\n');
    }

    /** Reads and checks a model file. */
    public static A2IModel read(Path file) {
        org.a2imd.core.FileProblems.requireReadable(file, "model file");
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(file.toString(), 0, "model file not found");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw org.a2imd.core.FileProblems.notUtf8(file, "an A2I model file");
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read the model file: " + e.getMessage());
        }
        return parse(file.toString(), lines);
    }

    /** Parses the lines of a model file; {@code name} is used in error messages. */
    public static A2IModel parse(String name, List<String> lines) {
        return new Parser(name, lines).parse();
    }

    /**
     * Checks that a model fits a run: same unit system, and every run species known to the model.
     * Returns the model species index of each run type (for {@link A2IForceField}).
     *
     * @throws InputException naming the model file and what differs
     */
    public static int[] checkCompatible(A2IModel model, String modelFile, Units runUnits, SpeciesSet runSpecies) {
        if (model.units() != runUnits) {
            throw new InputException(modelFile, 0, "the model was trained in units '" + model.units().id
                    + "' but the run uses units '" + runUnits.id + "'; energies and lengths would be misread");
        }
        int[] map = new int[runSpecies.size()];
        List<String> missing = new ArrayList<>();
        for (int t = 0; t < runSpecies.size(); t++) {
            map[t] = model.species().indexOf(runSpecies.name(t));
            if (map[t] < 0) {
                missing.add(runSpecies.name(t));
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException(modelFile, 0, "the run has species " + String.join(", ", missing)
                    + " that the model does not know (model species: " + String.join(", ", model.species()) + ")");
        }
        return map;
    }

    /** Number of weights of an architecture, in long arithmetic so absurd dimensions cannot overflow. */
    static long weightCount(A2IArchitecture a) {
        long d = a.width();
        long f = a.ffn();
        long h = a.heads();
        long block = 4 * d * d + 4 * d + 4 * h + (a.angularFactor() ? 3 * h : 0) + 2 * d * f + f + d;
        long h1 = a.hidden1();
        long h2 = a.hidden2();
        return (long) a.radial() * d + 2L * a.species() * d + a.layers() * block + (long) a.readoutInputs() * h1 + h1
                + h1 * h2 + h2 + h2 + 1;
    }

    /** Sequential parser with a line cursor; every error names the file and line. */
    private static final class Parser {
        private final String file;
        private final List<String> lines;
        private final CRC32 crc = new CRC32();
        private int next;

        Parser(String file, List<String> lines) {
            this.file = file;
            this.lines = lines;
        }

        private InputException error(int line, String problem) {
            return new InputException(file, line, problem);
        }

        /** Next line split into tokens (skipping blank and comment lines), or null at the end. */
        private String[] nextTokens(boolean skipComments) {
            while (next < lines.size()) {
                String line = lines.get(next++);
                String t = line.trim();
                if (!t.startsWith("checksum ")) {
                    crc.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
                if (t.isEmpty() || (skipComments && t.startsWith("#"))) {
                    continue;
                }
                return t.split("\\s+");
            }
            return null;
        }

        A2IModel parse() {
            String[] first = nextTokens(true);
            if (first == null) {
                throw error(0, "the file is empty; expected an A2I model starting with 'format " + FORMAT + "'");
            }
            if (!first[0].equals("format") || first.length != 2 || !first[1].equals(FORMAT)) {
                throw error(next, "not an A2I model file: expected 'format " + FORMAT + "' on the first line, found '"
                        + String.join(" ", first) + "'");
            }
            Map<String, String[]> keys = new HashMap<>();
            Map<String, Integer> keyLine = new HashMap<>();
            Map<String, String> meta = new LinkedHashMap<>();
            List<String[]> priorPairs = new ArrayList<>();
            List<Integer> priorPairLines = new ArrayList<>();
            String[] t;
            int weightsLine;
            while (true) {
                t = nextTokens(true);
                if (t == null) {
                    throw error(lines.size(), "file ends before the weights section (truncated?)");
                }
                if (t[0].equals("weights")) {
                    weightsLine = next;
                    break;
                }
                if (t[0].equals("meta")) {
                    if (t.length < 2) {
                        throw error(next, "'meta' needs a key and a value");
                    }
                    String raw = lines.get(next - 1).trim();
                    String rest = raw.substring(4).trim();
                    int sp = rest.indexOf(' ');
                    meta.put(sp < 0 ? rest : rest.substring(0, sp), sp < 0 ? "" : rest.substring(sp + 1).trim());
                    continue;
                }
                if (t[0].equals(PRIOR_PAIR_KEY)) {
                    priorPairs.add(t);
                    priorPairLines.add(next);
                    continue;
                }
                if (!t[0].equals("version") && !t[0].equals(ANGULAR_KEY) && !t[0].equals(PRIOR_KEY)
                        && !List.of(REQUIRED).contains(t[0]) && !List.of(LODE_KEYS).contains(t[0])) {
                    throw error(next, "unknown key '" + t[0] + "' (expected one of version, "
                            + String.join(", ", REQUIRED) + ", " + String.join(", ", LODE_KEYS) + ", " + ANGULAR_KEY
                            + ", " + PRIOR_KEY + ", " + PRIOR_PAIR_KEY + ", meta, weights)");
                }
                if (keys.containsKey(t[0])) {
                    throw error(next, "key '" + t[0] + "' appears twice (first on line " + keyLine.get(t[0]) + ")");
                }
                keys.put(t[0], t);
                keyLine.put(t[0], next);
            }
            if (!keys.containsKey("version")) {
                throw error(weightsLine, "missing key 'version' (expected 'version " + VERSION + "' before the weights)");
            }
            int version = intValue(keys, keyLine, "version", 1);
            if (version != VERSION) {
                throw error(keyLine.get("version"), "unsupported model format version " + version
                        + " (this a2imd reads version " + VERSION + ")");
            }
            for (String k : REQUIRED) {
                if (!keys.containsKey(k)) {
                    throw error(weightsLine, "missing key '" + k + "' (expected before the weights section)");
                }
            }
            String unitName = single(keys, keyLine, "units");
            Units units = Units.byId(unitName);
            if (units == null) {
                throw error(keyLine.get("units"), "unknown units '" + unitName + "' (expected lj or metal)");
            }
            String[] sp = keys.get("species");
            int nSpecies = intToken(sp, 1, keyLine.get("species"), "species count");
            if (nSpecies < 1 || sp.length != 2 + nSpecies) {
                throw error(keyLine.get("species"), "'species' needs a count and that many names, found '"
                        + String.join(" ", sp) + "'");
            }
            List<String> names = new ArrayList<>();
            for (int s = 0; s < nSpecies; s++) {
                if (names.contains(sp[2 + s])) {
                    throw error(keyLine.get("species"), "species " + sp[2 + s] + " is listed twice");
                }
                names.add(sp[2 + s]);
            }
            String[] hidden = keys.get("hidden");
            if (hidden.length != 3) {
                throw error(keyLine.get("hidden"), "'hidden' needs two widths, found '" + String.join(" ", hidden) + "'");
            }
            A2IArchitecture arch;
            try {
                arch = new A2IArchitecture(nSpecies, doubleValue(keys, keyLine, "cutoff"),
                        intValue(keys, keyLine, "radial", 1), intValue(keys, keyLine, "width", 1),
                        intValue(keys, keyLine, "heads", 1), intValue(keys, keyLine, "layers", 0),
                        intValue(keys, keyLine, "ffn", 1), intToken(hidden, 1, keyLine.get("hidden"), "hidden width"),
                        intToken(hidden, 2, keyLine.get("hidden"), "hidden width"),
                        intValue(keys, keyLine, "envelope_p", 1), doubleValue(keys, keyLine, "logit_bound"));
            } catch (IllegalArgumentException e) {
                throw error(weightsLine, "inconsistent architecture: " + e.getMessage());
            }
            double n0 = doubleValue(keys, keyLine, "n0");
            if (!(n0 > 0)) {
                throw error(keyLine.get("n0"), "n0 must be positive, found " + n0);
            }
            arch = arch.withLode(lodeSpec(keys, keyLine)).withAngularFactor(angularFactor(keys, keyLine));
            checkFits(arch, weightsLine, keys, keyLine);
            double energyScale = doubleValue(keys, keyLine, "energy_scale");
            if (!(energyScale > 0)) {
                throw error(keyLine.get("energy_scale"), "energy_scale must be positive (it multiplies every "
                        + "network energy), found " + energyScale);
            }
            A2IModel model = new A2IModel(arch, units, names, n0);
            model.setEnergyScale(energyScale);
            readVector(keys.get("e0"), keyLine.get("e0"), "e0", model.e0());
            readVector(keys.get("rbf_scale"), keyLine.get("rbf_scale"), "rbf_scale", model.rbfScale());
            for (double sg : model.rbfScale()) {
                if (!(sg > 0)) {
                    throw error(keyLine.get("rbf_scale"), "rbf_scale values must be positive (they normalise the "
                            + "radial basis), found " + sg);
                }
            }
            if (arch.lode() != null) {
                readVector(keys.get("lode_mean"), keyLine.get("lode_mean"), "lode_mean", model.lodeMean());
                readVector(keys.get("lode_scale"), keyLine.get("lode_scale"), "lode_scale", model.lodeScale());
                for (double sg : model.lodeScale()) {
                    if (!(sg > 0)) {
                        throw error(keyLine.get("lode_scale"), "lode_scale values must be positive, found " + sg);
                    }
                }
            }
            model.setPrior(prior(keys, keyLine, priorPairs, priorPairLines, names, arch.cutoff(), weightsLine));
            model.provenance().putAll(meta);

            String[] wl = lines.get(weightsLine - 1).trim().split("\\s+");
            int count = intToken(wl, 1, weightsLine, "weight count");
            if (wl.length != 2 || count != model.parameterCount()) {
                throw error(weightsLine, "wrong weight count " + count + ": the architecture in this file has "
                        + model.parameterCount() + " weights");
            }
            double[] w = model.weights();
            for (A2IModel.Segment s : model.segments()) {
                String[] h = nextTokens(false);
                String expect = "segment " + s.name() + " " + s.rows() + " " + s.cols();
                if (h == null) {
                    throw error(lines.size(), "file ends before '" + expect + "' (truncated?)");
                }
                if (!String.join(" ", h).equals(expect)) {
                    throw error(next, "expected '" + expect + "', found '" + String.join(" ", h) + "'");
                }
                for (int r = 0; r < s.rows(); r++) {
                    String[] row = nextTokens(false);
                    if (row == null) {
                        throw error(lines.size(), "file ends inside segment " + s.name() + " (truncated?)");
                    }
                    if (row.length != s.cols()) {
                        throw error(next, "segment " + s.name() + " row " + (r + 1) + " needs " + s.cols()
                                + " numbers, found " + row.length);
                    }
                    for (int c = 0; c < s.cols(); c++) {
                        w[s.offset() + r * s.cols() + c] = number(row, c, next, s.name());
                    }
                }
            }
            String[] ck = nextTokens(false);
            if (ck == null) {
                throw error(lines.size(), "file ends without the checksum line (truncated?)");
            }
            int ckLine = next;
            if (ck.length != 3 || !ck[0].equals("checksum") || !ck[1].equals("crc32")) {
                throw error(ckLine, "expected 'checksum crc32 <hex>' after the last segment, found '"
                        + String.join(" ", ck) + "'");
            }
            String actual = String.format("%08x", crc.getValue());
            if (!ck[2].equalsIgnoreCase(actual)) {
                throw error(ckLine, "checksum mismatch (file says " + ck[2] + ", content gives " + actual
                        + "): the file is corrupted or was edited after it was written");
            }
            String[] extra = nextTokens(true);
            if (extra != null) {
                throw error(next, "unexpected content after the checksum line: '" + String.join(" ", extra) + "'");
            }
            return model;
        }

        /**
         * Refuses, before anything is allocated, an architecture whose weights cannot be in the file: every
         * weight takes at least two characters (a digit and a separator), so the text after the 'weights'
         * line bounds the count. A corrupted dimension (width 100000, radial 2000000000) is reported here
         * with the checksum's verdict, instead of exhausting memory before the checksum is reached.
         */
        private void checkFits(A2IArchitecture a, int weightsLine, Map<String, String[]> keys,
                Map<String, Integer> keyLine) {
            long need = weightCount(a);
            long room = 0;
            for (int k = weightsLine; k < lines.size(); k++) {
                room += lines.get(k).length() + 1;
            }
            if (need > room / 2 || need > Integer.MAX_VALUE - 64) {
                String dims = "radial " + a.radial() + ", width " + a.width() + ", layers " + a.layers() + ", ffn "
                        + a.ffn() + ", hidden " + a.hidden1() + " " + a.hidden2();
                throw error(keyLine.get("width"), "the architecture (" + dims + ") has " + need + " weights, but the "
                        + "file has room for at most " + room / 2 + " after its 'weights' line (" + room
                        + " characters): a dimension is wrong or the file is truncated" + checksumVerdict());
            }
        }

        /** ", and the checksum does not match ..." when it does not, computed over the raw lines. */
        private String checksumVerdict() {
            CRC32 all = new CRC32();
            String stated = null;
            for (String line : lines) {
                if (line.trim().startsWith("checksum ")) {
                    String[] t = line.trim().split("\\s+");
                    stated = t.length == 3 ? t[2] : "";
                } else {
                    all.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            if (stated == null) {
                return "; the file has no checksum line";
            }
            return stated.equalsIgnoreCase(String.format("%08x", all.getValue())) ? ""
                    : "; the checksum does not match either (the file was corrupted or edited)";
        }

        /**
         * The short-range prior: 'prior FORM' and one 'prior_pair A B key value ...' line per unordered species
         * pair; null when the file has neither.
         */
        private PairPrior prior(Map<String, String[]> keys, Map<String, Integer> keyLine, List<String[]> pairs,
                List<Integer> pairLines, List<String> names, double cutoff, int weightsLine) {
            if (!keys.containsKey(PRIOR_KEY)) {
                if (!pairs.isEmpty()) {
                    throw error(pairLines.get(0), "'" + PRIOR_PAIR_KEY + "' without a '" + PRIOR_KEY + " FORM' line");
                }
                return null;
            }
            int line = keyLine.get(PRIOR_KEY);
            String id = single(keys, keyLine, PRIOR_KEY);
            PairPrior.Form form = PairPrior.Form.byId(id);
            if (form == null) {
                throw error(line, "unknown prior form '" + id + "' (expected wall or zbl)");
            }
            int ns = names.size();
            double[][] params = new double[ns * (ns + 1) / 2][];
            int[] paramLine = new int[params.length];
            for (int q = 0; q < pairs.size(); q++) {
                String[] t = pairs.get(q);
                int ln = pairLines.get(q);
                if (t.length < 3) {
                    throw error(ln, "'" + PRIOR_PAIR_KEY + "' needs two species names and the parameters");
                }
                int a = names.indexOf(t[1]);
                int b = names.indexOf(t[2]);
                if (a < 0 || b < 0) {
                    throw error(ln, "prior pair names species " + (a < 0 ? t[1] : t[2])
                            + ", which the model does not have (species: " + String.join(", ", names) + ")");
                }
                int pi = PairPrior.pairIndex(a, b, ns);
                if (params[pi] != null) {
                    throw error(ln, "prior pair " + t[1] + "-" + t[2] + " appears twice (first on line "
                            + paramLine[pi] + ")");
                }
                List<Double> v = new ArrayList<>();
                int k = 3;
                for (String key : form.keys) {
                    int count = key.equals("z") ? 2 : 1;
                    if (k + count >= t.length || !t[k].equals(key)) {
                        throw error(ln, "a " + form.id + " prior pair needs '" + pairSyntax(form) + "', found '"
                                + String.join(" ", t) + "'");
                    }
                    for (int c = 1; c <= count; c++) {
                        v.add(number(t, k + c, ln, "prior_pair " + key));
                    }
                    k += 1 + count;
                }
                if (k != t.length) {
                    throw error(ln, "a " + form.id + " prior pair needs '" + pairSyntax(form) + "', found '"
                            + String.join(" ", t) + "'");
                }
                double[] p = v.stream().mapToDouble(Double::doubleValue).toArray();
                String problem = PairPrior.check(form, p);
                if (problem != null) {
                    throw error(ln, "prior pair " + t[1] + "-" + t[2] + ": " + problem);
                }
                double reach = form == PairPrior.Form.WALL ? p[0] : p[3];
                if (reach > cutoff) {
                    throw error(ln, "prior pair " + t[1] + "-" + t[2] + " reaches " + reach + ", beyond the model "
                            + "cutoff " + cutoff);
                }
                params[pi] = p;
                paramLine[pi] = ln;
            }
            for (int a = 0; a < ns; a++) {
                for (int b = a; b < ns; b++) {
                    if (params[PairPrior.pairIndex(a, b, ns)] == null) {
                        throw error(line, "the " + form.id + " prior has no '" + PRIOR_PAIR_KEY + " " + names.get(a) + " "
                                + names.get(b) + " " + pairSyntax(form) + "' line (every species pair needs one)");
                    }
                }
            }
            return new PairPrior(form, ns, params);
        }

        private static String pairSyntax(PairPrior.Form form) {
            return form == PairPrior.Form.WALL ? "onset R strength A" : "z Zi Zj inner R1 outer R2";
        }

        /** Whether the file asks for the angular factor ('angular_factor yes'; absent means no). */
        private boolean angularFactor(Map<String, String[]> keys, Map<String, Integer> keyLine) {
            if (!keys.containsKey(ANGULAR_KEY)) {
                return false;
            }
            String v = single(keys, keyLine, ANGULAR_KEY);
            if (!v.equals("yes") && !v.equals("no")) {
                throw error(keyLine.get(ANGULAR_KEY), "'" + ANGULAR_KEY + "' must be yes or no, found '" + v + "'");
            }
            return v.equals("yes");
        }

        /** The long-range channel's spec, or null when the file has none of the lode_* keys. */
        private LodeSpec lodeSpec(Map<String, String[]> keys, Map<String, Integer> keyLine) {
            List<String> present = new ArrayList<>();
            for (String k : LODE_KEYS) {
                if (keys.containsKey(k)) {
                    present.add(k);
                }
            }
            if (present.isEmpty()) {
                return null;
            }
            for (String k : LODE_KEYS) {
                if (!keys.containsKey(k)) {
                    throw error(keyLine.get(present.get(0)), "the long-range channel needs all of "
                            + String.join(", ", LODE_KEYS) + "; '" + k + "' is missing");
                }
            }
            String[] ex = keys.get("lode_exponents");
            int[] exponents = new int[ex.length - 1];
            for (int k = 0; k < exponents.length; k++) {
                exponents[k] = intToken(ex, k + 1, keyLine.get("lode_exponents"), "LODE exponent");
            }
            String[] ra = keys.get("lode_radii");
            double[] radii = new double[ra.length - 1];
            for (int k = 0; k < radii.length; k++) {
                radii[k] = number(ra, k + 1, keyLine.get("lode_radii"), "lode_radii");
            }
            try {
                return new LodeSpec(exponents, radii, doubleValue(keys, keyLine, "lode_accuracy"));
            } catch (IllegalArgumentException e) {
                throw error(keyLine.get("lode_exponents"), "invalid long-range channel: " + e.getMessage());
            }
        }

        private void readVector(String[] t, int line, String key, double[] out) {
            if (t.length != 1 + out.length) {
                throw error(line, "'" + key + "' needs " + out.length + " numbers, found " + (t.length - 1));
            }
            for (int k = 0; k < out.length; k++) {
                out[k] = number(t, k + 1, line, key);
            }
        }

        private String single(Map<String, String[]> keys, Map<String, Integer> keyLine, String key) {
            String[] t = keys.get(key);
            if (t.length != 2) {
                throw error(keyLine.get(key), "'" + key + "' needs exactly one value, found '" + String.join(" ", t) + "'");
            }
            return t[1];
        }

        private int intValue(Map<String, String[]> keys, Map<String, Integer> keyLine, String key, int min) {
            single(keys, keyLine, key);
            int v = intToken(keys.get(key), 1, keyLine.get(key), key);
            if (v < min) {
                throw error(keyLine.get(key), "'" + key + "' must be at least " + min + ", found " + v);
            }
            return v;
        }

        private double doubleValue(Map<String, String[]> keys, Map<String, Integer> keyLine, String key) {
            single(keys, keyLine, key);
            return number(keys.get(key), 1, keyLine.get(key), key);
        }

        private int intToken(String[] t, int k, int line, String what) {
            if (k >= t.length) {
                throw error(line, "missing " + what);
            }
            try {
                return Integer.parseInt(t[k]);
            } catch (NumberFormatException e) {
                throw new InputException(file, line, column(line, t, k), "expected an integer " + what + ", found '"
                        + t[k] + "'");
            }
        }

        private double number(String[] t, int k, int line, String what) {
            double v;
            try {
                v = Double.parseDouble(t[k]);
            } catch (NumberFormatException e) {
                throw new InputException(file, line, column(line, t, k), "expected a number in " + what + ", found '"
                        + t[k] + "'");
            }
            if (!Double.isFinite(v)) {
                throw new InputException(file, line, column(line, t, k), "non-finite number '" + t[k] + "' in " + what);
            }
            return v;
        }

        /** 1-based column of token k of a line. */
        private int column(int line, String[] t, int k) {
            String raw = lines.get(line - 1);
            int pos = 0;
            for (int i = 0; i <= k; i++) {
                pos = raw.indexOf(t[i], pos);
                if (i < k) {
                    pos += t[i].length();
                }
            }
            return pos + 1;
        }
    }
}
