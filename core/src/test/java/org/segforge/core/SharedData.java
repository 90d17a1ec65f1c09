package org.segforge.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the real data in {@code ../shared/data} (beside the checkout, as on CI). Surefire
 * passes {@code segforge.shared}; running a test from an IDE falls back to the working folder.
 */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String p = System.getProperty("segforge.shared");
        Path base = p != null ? Paths.get(p) : Paths.get("..", "shared");
        Path data = base.resolve("data").normalize().toAbsolutePath();
        if (!Files.isDirectory(data)) {
            Path up = Paths.get("..", "..", "shared", "data").toAbsolutePath().normalize();
            if (Files.isDirectory(up)) {
                return up;
            }
            throw new IllegalStateException("shared data not found at " + data + " (expected ../shared beside the checkout)");
        }
        return data;
    }

    /** A file under shared/data, e.g. {@code file("colin27/ch2.nii.gz")}. */
    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
