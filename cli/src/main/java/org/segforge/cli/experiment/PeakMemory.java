package org.segforge.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set size (VmHWM of /proc/self/status, Linux), native memory included. */
public final class PeakMemory {
    private PeakMemory() {}

    /** Peak RSS in MiB, or NaN where /proc is not available. */
    public static double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: unknown
        }
        return Double.NaN;
    }
}
