package org.segforge.cli.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.segforge.core.DataException;
import org.segforge.core.io.AtomicFiles;

/** Writes report pictures (RGB) as PNG, atomically. */
public final class Pictures {
    private Pictures() {}

    public static void writePng(BufferedImage image, Path file) throws DataException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
