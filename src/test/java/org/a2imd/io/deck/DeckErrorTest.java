package org.a2imd.io.deck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.InputException;
import org.junit.jupiter.api.Test;

/** Each class of input error: the message names file, line and column, what was expected and found. */
class DeckErrorTest {
    /** A valid run deck; tests replace or add lines. Line numbers are 1-based. */
    static final String[] BASE = {
        "units lj",
        "species A mass 1.0",
        "lattice fcc density 0.8442 replicate 4 4 4",
        "potential lj cutoff 2.5",
        "pair_coeff A A epsilon 1 sigma 1",
        "timestep 0.005",
        "run 100",
    };

    static String deck(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** BASE with line {@code lineNo} replaced by {@code text} (or appended when lineNo = length + 1). */
    static String with(int lineNo, String text) {
        String[] lines = java.util.Arrays.copyOf(BASE, Math.max(BASE.length, lineNo));
        lines[lineNo - 1] = text;
        return deck(lines);
    }

    static InputException fails(String text) {
        return assertThrows(InputException.class, () -> Deck.parse(text, "deck.in").requireForRun());
    }

    /** Asserts file, line, column (column of {@code token} in {@code lineText}) and the exact message. */
    static void expect(InputException e, int line, String lineText, String token, String problem) {
        int column = lineText.indexOf(token) + 1;
        assertTrue(column > 0, token);
        assertEquals("deck.in", e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertEquals("deck.in:" + line + ":" + column + ": " + problem, e.getMessage());
    }

    @Test
    void baseDeckIsValid() {
        Deck d = Deck.parse(deck(BASE), "deck.in").requireForRun();
        assertEquals(7, d.commands().size());
    }

    @Test
    void unknownCommandSuggestsNearestKeyword() {
        String line = "timestpe 0.005";
        expect(fails(with(6, line)), 6, line, "timestpe", "unknown command \"timestpe\"; did you mean \"timestep\"?");
        String upper = "Timestep 0.005";
        expect(fails(with(6, upper)), 6, upper, "Timestep", "unknown command \"Timestep\"; did you mean \"timestep\"?");
    }

    @Test
    void unknownCommandWithoutNearKeywordListsCommands() {
        String line = "frobnicate 3";
        InputException e = fails(with(8, line));
        assertEquals(8, e.line());
        assertTrue(e.problem().startsWith("unknown command \"frobnicate\"; commands are units, species"), e.getMessage());
    }

    @Test
    void lammpsKeywordsGetAdvice() {
        String line = "pair_style lj/cut 2.5";
        expect(fails(with(4, line)), 4, line, "pair_style",
                "unknown command \"pair_style\"; a2imd uses \"potential\", e.g. \"potential lj cutoff 2.5\"");
        String nvt = "integrator nvt temperature 1";
        expect(fails(with(8, nvt)), 8, nvt, "nvt",
                "integrator kind must be one of nve, langevin, csvr, found \"nvt\"; for constant temperature use "
                        + "\"langevin\" or \"csvr\"");
    }

    @Test
    void unknownOptionSuggestsNearestOption() {
        String line = "integrator langevin temprature 1.0 damping 1.0 seed 1";
        expect(fails(with(8, line)), 8, line, "temprature",
                "unknown option \"temprature\" for integrator langevin; did you mean \"temperature\"?");
    }

    @Test
    void missingOptionValue() {
        String line = "potential lj cutoff";
        expect(fails(with(4, line)), 4, line, "cutoff", "option \"cutoff\" needs a value: a positive number");
        String before = "velocity temperature seed 5";
        expect(fails(with(8, before)), 8, before, "temperature",
                "option \"temperature\" needs a value: a non-negative number, found option \"seed\"");
        String list = "lattice fcc density 0.8442 replicate 4 4";
        expect(fails(with(3, list)), 3, list, "replicate", "option \"replicate\" needs a value: 3 positive integers");
    }

    @Test
    void missingPositionalArgument() {
        String line = "timestep";
        expect(fails(with(6, line)), 6, line, "timestep", "timestep is missing the time step: a positive number");
        String pc = "pair_coeff A epsilon 1 sigma 1";
        expect(fails(with(5, pc)), 5, pc, "epsilon",
                "pair_coeff is missing the second species: a name made of letters, digits and _, starting "
                        + "with a letter, found option \"epsilon\"");
    }

    @Test
    void wrongType() {
        String run = "run 1.5";
        expect(fails(with(7, run)), 7, run, "1.5", "run must be a non-negative integer, found \"1.5\"");
        String density = "lattice fcc density dense replicate 4 4 4";
        expect(fails(with(3, density)), 3, density, "dense",
                "lattice density must be a positive number, found \"dense\"");
        String rep = "lattice fcc density 0.8442 replicate 4 x 4";
        expect(fails(with(3, rep)), 3, rep, "x",
                "lattice replicate must be 3 positive integers, found \"x\" (value 2)");
        String bool = "potential lj cutoff 2.5 shift maybe";
        expect(fails(with(4, bool)), 4, bool, "maybe", "potential lj shift must be yes or no, found \"maybe\"");
        String word = "potential lj cutoff 2.5 mixing arithmetic";
        expect(fails(with(4, word)), 4, word, "arithmetic", "potential lj mixing must be one of lorentz-berthelot, "
                + "geometric, found \"arithmetic\"; the arithmetic rule is called lorentz-berthelot");
    }

    @Test
    void numbersMustBeFiniteDecimals() {
        for (String bad : new String[] {"NaN", "Infinity", "inf", "1e999", "0x1p-3", "1d", "1.0f", "--1", "1e", ""}) {
            String line = "timestep \"" + bad + "\"";
            InputException e = fails(with(6, line));
            assertEquals(6, e.line());
            assertEquals(10, e.column());
            assertTrue(e.problem().startsWith("timestep must be a positive number, found \"" + bad + "\""),
                    e.getMessage());
        }
        assertTrue(fails(with(6, "timestep 1e999")).problem().endsWith("(too large to be a finite number)"));
        assertTrue(fails(with(7, "run 99999999999999999999")).problem().endsWith("(too large)"));
        assertTrue(fails(with(8, "threads 3000000000")).problem().endsWith("(too large)"));
    }

    @Test
    void badUnitsWord() {
        String line = "units real";
        expect(fails(with(1, line)), 1, line, "real",
                "units must be one of lj, metal, found \"real\"; a2imd supports lj and metal units");
        String typo = "units metl";
        expect(fails(with(1, typo)), 1, typo, "metl",
                "units must be one of lj, metal, found \"metl\"; did you mean \"metal\"?");
    }

    @Test
    void negativeTimestep() {
        String line = "timestep   -0.005";
        expect(fails(with(6, line)), 6, line, "-0.005", "timestep must be a positive number, found \"-0.005\"");
        String zero = "timestep 0";
        expect(fails(with(6, zero)), 6, zero, "0", "timestep must be a positive number, found \"0\"");
    }

    @Test
    void duplicateCommand() {
        String line = "timestep 0.002";
        expect(fails(with(8, line)), 8, line, "timestep",
                "duplicate command \"timestep\": it was already given on line 6 and may appear only once");
    }

    @Test
    void optionGivenTwice() {
        String line = "lattice fcc density 0.8 replicate 4 4 4 density 0.9";
        expect(fails(with(3, line)), 3, line, "density 0.9",
                "option \"density\" of lattice is given twice (first at column 13)");
    }

    @Test
    void missingRequiredCommands() {
        // no timestep: reported at the run that needs it
        String noDt = deck(BASE[0], BASE[1], BASE[2], BASE[3], BASE[4], BASE[6]);
        expect(fails(noDt), 6, BASE[6], "run", "run needs a \"timestep\" command, e.g. \"timestep 0.005\"");
        // no run: a deck-wide error, no line
        InputException noRun = fails(deck(BASE[0], BASE[1], BASE[2], BASE[3], BASE[4], BASE[5]));
        assertEquals(0, noRun.line());
        assertEquals("deck.in: the deck has no \"run\" command; add e.g. \"run 10000\" (or \"minimize\" / "
                + "\"elastic\" for a static calculation)", noRun.getMessage());
        // no structure
        String noAtoms = deck(BASE[0], BASE[1], BASE[3], BASE[4], BASE[5], BASE[6]);
        expect(fails(noAtoms), 6, BASE[6], "run", "run needs atoms: add a \"lattice\" or a \"read_extxyz\" command");
        // no units
        InputException noUnits = fails(deck(BASE[1], BASE[2], BASE[3], BASE[4], BASE[5], BASE[6]));
        assertEquals("deck.in: the deck has no \"units\" command; add \"units lj\" or \"units metal\"",
                noUnits.getMessage());
        // required option missing
        String noCut = "potential lj shift yes";
        expect(fails(with(4, noCut)), 4, noCut, "potential",
                "potential lj needs option \"cutoff\" (a positive number)");
        // exactly one of density / constant
        String neither = "lattice fcc replicate 4 4 4";
        expect(fails(with(3, neither)), 3, neither, "lattice", "lattice needs one of the options density, constant");
        String both = "lattice fcc density 1 constant 1.6 replicate 4 4 4";
        expect(fails(with(3, both)), 3, both, "constant",
                "lattice takes only one of the options density, constant, found density and constant");
    }

    @Test
    void evalDeckNeedsLessThanRunDeck() {
        String eval = deck(BASE[0], BASE[1], BASE[3], BASE[4]);
        Deck d = Deck.parse(eval, "deck.in").requireForEval();
        assertEquals(4, d.commands().size());
        assertThrows(InputException.class, d::requireForRun);
        InputException noPot = assertThrows(InputException.class,
                () -> Deck.parse(deck(BASE[0], BASE[1]), "deck.in").requireForEval());
        assertTrue(noPot.problem().startsWith("the deck has no \"potential\" command"));
    }

    @Test
    void optionOfAnotherVariant() {
        String line = "integrator nve temperature 1";
        expect(fails(with(8, line)), 8, line, "temperature",
                "integrator nve has no option \"temperature\" (it belongs to integrator langevin, integrator csvr)");
        String tau = "integrator langevin temperature 1 tau 1 seed 3";
        expect(fails(with(8, tau)), 8, tau, "tau",
                "integrator langevin has no option \"tau\" (it belongs to integrator csvr)");
        String cut = "potential sw cutoff 2.5";
        expect(fails(with(8, cut)), 8, cut, "cutoff", "potential sw has no option \"cutoff\" (it belongs to potential lj, potential coulomb, potential dispersion)");
    }

    @Test
    void unterminatedQuote() {
        String line = "trajectory file \"traj.extxyz every 10";
        expect(fails(with(8, line)), 8, line, "\"",
                "unterminated string: this \" has no closing \" on the same line");
        String inside = "trajectory file tr\"aj every 10";
        expect(fails(with(8, inside)), 8, inside, "\"",
                "unexpected quote inside \"tr\"; put the whole value in quotes");
    }

    @Test
    void extraValues() {
        String line = "timestep 0.005 0.01";
        expect(fails(with(6, line)), 6, line, "0.01",
                "unexpected \"0.01\": timestep takes nothing after the time step");
        String nve = "integrator nve now";
        expect(fails(with(8, nve)), 8, nve, "now", "unexpected \"now\": integrator nve takes no arguments or options");
        String v = "velocity temperature 1 2 seed 3";
        expect(fails(with(8, v)), 8, v, "2", "unexpected value \"2\" in velocity: expected an option (temperature, seed)");
    }

    @Test
    void speciesErrors() {
        String unknown = "pair_coeff A Aa epsilon 1 sigma 1";
        expect(fails(with(5, unknown)), 5, unknown, "Aa", "unknown species \"Aa\"; did you mean \"A\"?");
        String twice = "species A mass 2.0";
        expect(fails(with(8, twice)), 8, twice, "A", "species \"A\" is already defined on line 2");
        String bad = "species 1A mass 2.0";
        expect(fails(with(2, bad)), 2, bad, "1A",
                "species name must be a name made of letters, digits and _, starting with a letter, "
                + "found \"1A\"");
    }

    @Test
    void pairCoeffNeedsLjPotentialBefore() {
        String text = deck(BASE[0], BASE[1], BASE[2], BASE[4], BASE[3], BASE[5], BASE[6]);
        expect(fails(text), 4, BASE[4], "pair_coeff",
                "pair_coeff needs a \"potential lj\" command before it (potential lj is on line 5; move it up)");
        String again = "pair_coeff A A epsilon 2 sigma 1";
        expect(fails(with(8, again)), 8, again, "pair_coeff",
                "pair_coeff for A A is already given on line 5 for the potential lj on line 4");
    }

    @Test
    void ljNeedsCoefficientsForEveryPair() {
        String text = deck(BASE[0], BASE[1], "species B mass 2", "lattice fcc density 1 replicate 2 2 2 "
                + "composition A 0.5 B 0.5 seed 1", BASE[3], BASE[4], BASE[5], BASE[6]);
        expect(fails(text), 5, BASE[3], "potential", "potential lj has no coefficients for the pair A B: add "
                + "\"pair_coeff A B epsilon E sigma S\" after it, or pair_coeff lines for A A and B B so the "
                + "mixing rule can derive it");
        // mixing from both like pairs is enough
        Deck.parse(text + "pair_coeff B B epsilon 0.5 sigma 0.88\n", "deck.in").requireForRun();
    }

    @Test
    void latticeCompositionRules() {
        String sum = "lattice fcc density 1 replicate 2 2 2 composition A 0.8 B 0.3 seed 1";
        String text = deck(BASE[0], BASE[1], "species B mass 1", sum);
        InputException e = assertThrows(InputException.class, () -> Deck.parse(text, "deck.in"));
        expect(e, 4, sum, "A 0.8", "lattice composition fractions must add up to 1, they add up to 1.1");
        String noSeed = "lattice fcc density 1 replicate 2 2 2 composition A 1";
        expect(fails(with(3, noSeed)), 3, noSeed, "composition",
                "option \"composition\" of lattice needs option \"seed\" as well");
        String twoSpecies = deck(BASE[0], BASE[1], "species B mass 1", BASE[2]);
        InputException two = assertThrows(InputException.class, () -> Deck.parse(twoSpecies, "deck.in"));
        expect(two, 4, BASE[2], "lattice", "lattice needs \"species NAME\" or \"composition NAME FRACTION ...\" "
                + "when the deck defines 2 species");
        String dupName = "lattice fcc density 1 replicate 2 2 2 composition A 0.5 A 0.5 seed 1";
        expect(fails(with(3, dupName)), 3, dupName, "A 0.5 seed", "A appears twice in lattice composition");
    }

    @Test
    void structureAndFileConflicts() {
        String text = with(8, "read_extxyz src/test/resources/reference/lj_small100_cubic5.2_rc2.5_noshift.extxyz");
        InputException e = fails(text);
        assertEquals(8, e.line());
        assertEquals("the atoms are already set by lattice on line 3; use either lattice or read_extxyz, once",
                e.problem());
        String missing = "read_extxyz nothere.extxyz";
        InputException m = fails(with(3, missing));
        assertEquals(13, m.column());
        assertTrue(m.problem().startsWith("read_extxyz file \"nothere.extxyz\" was not found"), m.getMessage());
        String clash = deck(BASE) + "trajectory file out.xyz every 10\nwrite_final file out.xyz\n";
        expect(fails(clash), 9, "write_final file out.xyz", "out.xyz",
                "file \"out.xyz\" is already written by trajectory on line 8");
    }

    @Test
    void continuationAtEndOfFileAndQuotedKeyword() {
        InputException e = fails(deck(BASE) + "thermo every 10 &");
        assertEquals(8, e.line());
        assertEquals(17, e.column());
        String quoted = "\"run\" 5";
        expect(fails(with(7, quoted)), 7, quoted, "\"",
                "expected a command keyword, found the quoted string \"run\"");
    }
}
