package org.segforge.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.segforge.core.DataException;

/**
 * Where SegForge is installed: {@code -Dsegforge.home} (set by the launcher), else the checkout
 * that holds the running jar ({@code cli/target/segforge.jar}), else the working folder.
 */
public final class Home {
    private Home() {}

    public static Path root() {
        String p = System.getProperty("segforge.home");
        if (p != null) {
            return Paths.get(p).toAbsolutePath().normalize();
        }
        try {
            Path jar = Paths.get(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = jar.getParent(); d != null; d = d.getParent()) {
                if (Files.isDirectory(d.resolve("data/demo"))) {
                    return d;
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the working folder
        }
        return Paths.get("").toAbsolutePath();
    }

    /** The embedded demo data folder ({@code data/demo}). */
    public static Path demoData() throws DataException {
        Path d = root().resolve("data/demo");
        if (!Files.isDirectory(d)) {
            throw new DataException(d, "embedded demo data not found; run from a SegForge checkout or pass --data");
        }
        return d;
    }
}
