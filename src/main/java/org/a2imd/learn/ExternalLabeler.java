package org.a2imd.learn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Labels frames with a user's command (how DFT codes plug in): {in} and {out} in the command are replaced by
 * the absolute paths of the extxyz to label and the extxyz it must write with energy, forces and, for virial
 * training, the virial. Runs through {@code sh -c} in the label folder; its output goes to label.log.
 */
final class ExternalLabeler {
    private ExternalLabeler() {
    }

    /** Runs the command; a non-zero exit becomes a {@link LearnFailure} quoting the end of its stderr. */
    static void label(String command, Path in, Path out, Path dir) throws IOException, InterruptedException {
        String cmd = command.replace("{in}", shellQuote(in.toAbsolutePath().toString()))
                .replace("{out}", shellQuote(out.toAbsolutePath().toString()));
        Path log = dir.resolve("label.log");
        Path err = dir.resolve("label.err");
        Process p = new ProcessBuilder(List.of("sh", "-c", cmd)).directory(dir.toFile())
                .redirectOutput(log.toFile()).redirectError(err.toFile()).start();
        int status;
        try {
            status = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            throw e;
        }
        if (status != 0) {
            String text = Files.readString(err, StandardCharsets.UTF_8).strip();
            if (text.length() > 2000) {
                text = "..." + text.substring(text.length() - 2000);
            }
            throw new LearnFailure(status == 0 ? 1 : status, "the label command failed with exit status " + status
                    + " (" + cmd + ", in " + dir + ")" + (text.isEmpty() ? "" : ":\n" + text)
                    + "\nthe data set is unchanged; fix the command and continue with --resume");
        }
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
