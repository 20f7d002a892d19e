package org.a2imd.run;

/** An observer that owns an output file, whose length a checkpoint records. */
public interface WritesFile {
    /** The file, or null when this observer writes none. */
    OutputFile outputFile();
}
