package org.a2imd.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.a2imd.core.Rng;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ewald.LodeSpec;
import org.a2imd.io.deck.Command;
import org.a2imd.io.deck.Deck;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.nnp.PairPrior;

/**
 * Maps a training deck (docs/deck.md, "Training decks") to a {@link Trainer}: reads the data files,
 * fixes the model's species (the deck's "species" lines in order, else the data's in order of first
 * appearance), checks every frame against the species and the labels the loss needs, and splits.
 */
public final class TrainingSetup {
    private TrainingSetup() {
    }

    /** Reads everything the deck names and builds the trainer. Bad data is an {@link InputException}. */
    public static Trainer trainer(Deck deck, WorkerPool pool) {
        return plan(deck, pool).trainer(pool);
    }

    /**
     * What a training deck asks for, with its data read and split: builds the trainer of the single model or
     * of each committee member. Frames are read once; members get copies whose positions are their own.
     */
    public static final class Plan {
        private final Units units;
        private final List<String> species;
        private final ModelSettings model;
        private final LossWeights loss;
        private final OptimizerSettings opt;
        private final Dataset.Split split;
        private final Trainer.Outputs outputs;
        /** The initial models: none, one for every member, or one per member. */
        private final List<A2IModel> initials;
        private final List<String> initialNames;
        /** The deck's short-range prior fitted on the training frames, or null. */
        private final PairPrior prior;
        private final Map<String, String> provenance;
        private final Optional<Command> committee;

        private Plan(Deck deck, Units units, List<String> species, ModelSettings model, LossWeights loss,
                OptimizerSettings opt, Dataset.Split split, List<A2IModel> initials, List<String> initialNames,
                PairPrior prior,
                Map<String, String> provenance) {
            this.units = units;
            this.species = species;
            this.model = model;
            this.loss = loss;
            this.opt = opt;
            this.split = split;
            this.outputs = outputs(deck);
            this.initials = initials;
            this.initialNames = initialNames;
            this.prior = prior;
            this.provenance = provenance;
            this.committee = deck.optional("committee");
        }

        /** Number of committee members, 1 without a "committee" command. */
        public int members() {
            return committee.map(c -> c.getInt("members")).orElse(1);
        }

        /** The deck's "committee threads_per_member", or 0 when not given. */
        public int threadsPerMember() {
            return committee.filter(c -> c.has("threads_per_member")).map(c -> c.getInt("threads_per_member"))
                    .orElse(0);
        }

        public boolean bootstrap() {
            return committee.map(c -> c.getBool("bootstrap")).orElse(false);
        }

        public Dataset.Split data() {
            return split;
        }

        public Units units() {
            return units;
        }

        /** The trainer of the deck's single model (no committee). */
        public Trainer trainer(WorkerPool pool) {
            Trainer t = new Trainer(units, species, model, loss, opt, split, outputs, pool);
            finish(t, 1);
            return t;
        }

        /**
         * The trainer of committee member m (1-based): model and shuffle seeds + m - 1 (the model seed only
         * for a new model: an initial model gives every member its weights), optionally a bootstrap resample
         * of the training frames (seeded by the optimizer seed + m - 1, with replacement, same size), its own
         * copies of the frames and outputs {@code <stem>.m<m>.<ext>}.
         */
        public Trainer member(int m, WorkerPool pool) {
            ModelSettings ms = !initials.isEmpty() ? model : model.withSeed(model.seed() + m - 1);
            OptimizerSettings os = opt.withSeed(opt.seed() + m - 1);
            Dataset train = bootstrap() ? bootstrapSample(split.train(), opt.seed() + m - 1) : split.train();
            Dataset.Split own = new Dataset.Split(copy(train), copy(split.validation()), copy(split.test()));
            Trainer t = new Trainer(units, species, ms, loss, os, own, memberOutputs(outputs, m), pool);
            finish(t, m);
            t.provenance().put("committee", "member " + m + " of " + members() + ", model seed " + ms.seed()
                    + ", shuffle seed " + os.seed() + ", bootstrap " + (bootstrap() ? "yes" : "no"));
            return t;
        }

        /** Prior, initial model (member m's, 1-based; 1 for a single model) and provenance of a trainer. */
        private void finish(Trainer t, int m) {
            if (prior != null) {
                t.setPrior(prior);
            }
            if (!initials.isEmpty()) {
                int k = initials.size() == 1 ? 0 : m - 1;
                t.continueFrom(initials.get(k));
                t.provenance().put("initial_model", initialNames.get(k));
            }
            t.provenance().putAll(provenance);
        }
    }

    /** Member m's outputs: {@code <stem>.m<m>.<ext>} for model, curve and checkpoint (out/lj.model -> out/lj.m1.model). */
    public static Trainer.Outputs memberOutputs(Trainer.Outputs o, int m) {
        return new Trainer.Outputs(memberPath(o.model(), m), o.curve() == null ? null : memberPath(o.curve(), m),
                memberPath(o.checkpoint(), m));
    }

    static Path memberPath(Path p, int m) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String tag = ".m" + m;
        String out = dot > 0 ? name.substring(0, dot) + tag + name.substring(dot) : name + tag;
        return p.resolveSibling(out);
    }

    /** n frames drawn with replacement (seeded), in the order drawn. */
    static Dataset bootstrapSample(Dataset d, long seed) {
        // A stream of its own, not the shuffle stream of the same seed.
        Rng rng = new Rng(seed ^ 0x6a09e667f3bcc909L);
        List<TrainingFrame> out = new ArrayList<>(d.size());
        for (int k = 0; k < d.size(); k++) {
            out.add(d.get(rng.nextInt(d.size())));
        }
        return new Dataset(out);
    }

    /** Copies with positions of their own (a frame drawn twice by the bootstrap may share one copy). */
    private static Dataset copy(Dataset d) {
        Map<TrainingFrame, TrainingFrame> copies = new java.util.IdentityHashMap<>();
        List<TrainingFrame> out = new ArrayList<>(d.size());
        for (TrainingFrame f : d.frames()) {
            out.add(copies.computeIfAbsent(f, TrainingFrame::copy));
        }
        return new Dataset(out);
    }

    /** Reads and checks everything the deck names. Bad data is an {@link InputException}. */
    public static Plan plan(Deck deck, WorkerPool pool) {
        deck.requireForTrain();
        Units units = deck.units();
        LossWeights loss = loss(deck);
        Optional<Command> init = deck.optional("initial_model");
        List<A2IModel> initials = init.map(c -> initialModels(c, deck)).orElse(List.of());
        A2IModel initial = initials.isEmpty() ? null : initials.get(0);
        ModelSettings model = initial != null ? ModelSettings.of(initial.architecture()) : model(deck.one("model"));
        if (loss.virial() > 0 && (initial != null ? initial.architecture().lode() != null : model.lode() != null)) {
            Command l = deck.one("loss");
            throw l.error("virial", "virial training is not available with the long-range (LODE) channel: the "
                    + "strain derivative would need the cell strained as well; set \"loss virial 0\" or train a "
                    + "model without lode_exponents");
        }
        OptimizerSettings opt = optimizer(deck.one("optimizer"));
        Map<Command, List<DataReader.Raw>> raw = new LinkedHashMap<>();
        List<DataReader.Raw> all = new ArrayList<>();
        for (Command d : deck.all("data")) {
            List<DataReader.Raw> frames = DataReader.read(d.getPath("file"));
            raw.put(d, frames);
            all.addAll(frames);
        }
        List<String> species = initial != null ? initial.species()
                : deck.all("species").isEmpty() ? DataReader.speciesOf(all) : deck.species().names();
        List<TrainingFrame> pooled = new ArrayList<>();
        List<TrainingFrame> train = new ArrayList<>();
        List<TrainingFrame> val = new ArrayList<>();
        List<TrainingFrame> test = new ArrayList<>();
        for (Map.Entry<Command, List<DataReader.Raw>> e : raw.entrySet()) {
            List<TrainingFrame> frames = DataReader.convert(e.getValue(), species, model.cutoff(), units,
                    loss.energy() > 0, loss.forces() > 0, loss.atomEnergies() > 0, pool);
            switch (e.getKey().getWord("role")) {
                case "train" -> train.addAll(frames);
                case "validation" -> val.addAll(frames);
                case "test" -> test.addAll(frames);
                default -> pooled.addAll(frames);
            }
        }
        Dataset.Split split;
        var s = deck.optional("split");
        if (s.isPresent() && !pooled.isEmpty()) {
            split = new Dataset(pooled).split(s.get().getDouble("validation"), s.get().getDouble("test"),
                    s.get().getLong("seed"));
        } else {
            split = new Dataset.Split(new Dataset(pooled), Dataset.empty(), Dataset.empty());
        }
        List<TrainingFrame> tr = new ArrayList<>(split.train().frames());
        tr.addAll(train);
        List<TrainingFrame> va = new ArrayList<>(split.validation().frames());
        va.addAll(val);
        List<TrainingFrame> te = new ArrayList<>(split.test().frames());
        te.addAll(test);
        if (tr.isEmpty()) {
            throw s.map(c -> c.error("the split leaves no training frames (" + pooled.size()
                    + " frames to split); lower the validation and test fractions or add data"))
                    .orElseGet(() -> deck.error("no training frames"));
        }
        if (loss.virial() > 0 && tr.stream().noneMatch(f -> f.virial != null)) {
            List<String> files = new ArrayList<>();
            for (Command d : deck.all("data")) {
                files.add(d.getPath("file").toString());
            }
            throw deck.one("loss").error("virial", "the loss weights the virial, but no training frame has one "
                    + "(no virial= or stress= key in " + String.join(", ", files) + "); set \"loss virial 0\" or "
                    + "label the frames with their virial");
        }
        Map<String, String> prov = new LinkedHashMap<>();
        Optional<Command> priorCommand = deck.optional("prior");
        PairPrior prior = null;
        if (priorCommand.isPresent()) {
            prior = prior(priorCommand.get(), species, new Dataset(tr), model.cutoff());
            prov.put("prior", prior.describe() + " (fitted on " + tr.size() + " training frames)");
        }
        int k = 0;
        for (Command d : deck.all("data")) {
            prov.put("data" + (k++), d.getPath("file").getFileName() + " role " + d.getWord("role") + " frames "
                    + raw.get(d).size());
        }
        prov.put("trained_frames", tr.size() + " train, " + va.size() + " validation, " + te.size() + " test");
        prov.put("loss", "energy " + loss.energy() + " forces " + loss.forces() + " atom_energies "
                + loss.atomEnergies() + (loss.virial() > 0 ? " virial " + loss.virial() : ""));
        prov.put("optimizer", "adam lr " + opt.lr() + " schedule " + opt.schedule().id + " epochs "
                + opt.epochs() + " batch " + opt.batch() + " seed " + opt.seed());
        return new Plan(deck, units, species, model, loss, opt,
                new Dataset.Split(new Dataset(tr), new Dataset(va), new Dataset(te)), initials,
                init.map(c -> c.getPaths("file").stream().map(f -> f.getFileName().toString()).toList()).orElse(List.of()),
                prior, prov);
    }

    /**
     * The models a deck's "initial_model" names: one (every member starts from it) or one per committee member
     * (member m from the m-th: how the active-learning loop fine-tunes a committee); they must share
     * architecture, species and units.
     */
    static List<A2IModel> initialModels(Command c, Deck deck) {
        List<Path> files = c.getPaths("file");
        int members = deck.optional("committee").map(k -> k.getInt("members")).orElse(1);
        if (files.size() != 1 && files.size() != members) {
            throw c.error("file", files.size() - 1, "initial_model names " + files.size() + " files: give one, or one "
                    + "per committee member (" + members + ")");
        }
        List<A2IModel> out = new ArrayList<>();
        for (int k = 0; k < files.size(); k++) {
            A2IModel m = initialModel(c, deck, files.get(k), k);
            if (k > 0 && (!m.architecture().equals(out.get(0).architecture()) || !m.species().equals(out.get(0).species())
                    || m.units() != out.get(0).units())) {
                throw c.error("file", k, "initial model " + files.get(k) + " differs in architecture, species or units "
                        + "from " + files.get(0));
            }
            out.add(m);
        }
        return out;
    }

    /**
     * One initial model: it must use the deck's units and know every species the deck lists (frames of species
     * it does not know are refused when the data are read).
     */
    static A2IModel initialModel(Command c, Deck deck, Path file, int token) {
        A2IModel m = A2IModelFile.read(file);
        if (m.units() != deck.units()) {
            throw c.error("file", token, "the initial model was trained in units '" + m.units().id + "' but the deck uses '"
                    + deck.units().id + "'");
        }
        if (!deck.all("species").isEmpty()) {
            for (String n : deck.species().names()) {
                if (!m.species().contains(n)) {
                    throw c.error("file", token, "the deck lists species " + n + ", which the initial model does not know "
                            + "(model species: " + String.join(", ", m.species()) + ")");
                }
            }
        }
        return m;
    }

    /** The deck's prior, fitted on the training frames; problems are errors at the "prior" line. */
    static PairPrior prior(Command c, List<String> species, Dataset train, double cutoff) {
        PairPrior p;
        try {
            p = PriorFit.fit(PriorFit.settings(c), species, train);
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
        if (p.cutoff() > cutoff) {
            String problem = "the prior reaches " + p.cutoff() + ", beyond the model cutoff " + cutoff
                    + "; it must act only on pairs the network sees";
            String key = c.has("outer") ? "outer" : c.has("onset") ? "onset" : null;
            throw key == null ? c.error(problem) : c.error(key, problem);
        }
        return p;
    }

    public static Trainer.Outputs outputs(Deck deck) {
        Command o = deck.one("output");
        Path model = o.getPath("model");
        Path curve = o.has("curve") ? o.getPath("curve") : null;
        Path chk = o.has("checkpoint") ? o.getPath("checkpoint") : model.resolveSibling(model.getFileName() + ".chk");
        return new Trainer.Outputs(model, curve, chk);
    }

    static LossWeights loss(Deck deck) {
        return deck.optional("loss").map(l -> new LossWeights(l.getDouble("energy"), l.getDouble("forces"),
                l.getDouble("atom_energies"), l.getDouble("virial"))).orElse(new LossWeights(1.0, 1.0, 0.0));
    }

    /** Default relative truncation of the LODE reciprocal sums when the deck gives no lode_accuracy. */
    public static final double DEFAULT_LODE_ACCURACY = 1e-6;

    static ModelSettings model(Command m) {
        int width = m.getInt("width");
        int[] hidden = m.getInts("hidden");
        LodeSpec lode = null;
        if (m.has("lode_exponents")) {
            lode = new LodeSpec(m.getInts("lode_exponents"), m.getNumbers("lode_radii"),
                    m.has("lode_accuracy") ? m.getDouble("lode_accuracy") : DEFAULT_LODE_ACCURACY);
        }
        return new ModelSettings(m.getDouble("cutoff"), m.getInt("radial"), width, m.getInt("heads"),
                m.getInt("layers"), m.has("ffn") ? m.getInt("ffn") : width, hidden[0], hidden[1],
                m.getInt("envelope_p"), m.getDouble("logit_bound"), m.getLong("seed"), lode, m.getBool("angular_factor"));
    }

    static OptimizerSettings optimizer(Command o) {
        double lr = o.getDouble("lr");
        return new OptimizerSettings(lr, LearningRate.Kind.byId(o.getWord("schedule")), o.getInt("epochs"),
                o.getInt("batch"), o.getInt("patience"), o.getLong("seed"), o.getInt("warmup"),
                o.has("min_lr") ? o.getDouble("min_lr") : lr / 100, o.getDouble("factor"), o.getInt("decay_patience"));
    }
}
