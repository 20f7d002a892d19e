package org.a2imd.learn;

/**
 * How the loop runs a stage: as an a2imd command line (run, eval, train), the same a user or a batch job would
 * type, returning its exit status. The command line layer supplies it, so this package does not depend on it.
 */
@FunctionalInterface
public interface StageCommands {
    int execute(String... args);
}
