package org.segforge.cli.report;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.segforge.core.DataException;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Slices;
import org.segforge.core.image.Volume;

/**
 * A grid of samples (generated 3D patches or 2D images) as one picture: per sample its middle
 * slice along an axis, in gray with the label as a coloured {@link Overlay}, laid out by a
 * {@link ContactSheet}. Each sample is windowed by its own intensity range over the whole
 * volume, so the slice shows the contrast the sample has in 3D.
 */
public final class SampleGrid {
    private SampleGrid() {}

    /**
     * One sample.
     *
     * @param image 2D or 3D image (first frame used)
     * @param label same-shape label map, or null
     * @param caption text under the tile, may be empty
     */
    public record Sample(Volume image, Volume label, String caption) {
        public Sample {
            if (image == null) {
                throw new IllegalArgumentException("a sample needs an image");
            }
            if (label != null && (label.nx() != image.nx() || label.ny() != image.ny() || label.nz() != image.nz())) {
                throw new IllegalArgumentException("label " + label + " does not match image " + image);
            }
        }
    }

    /** The picture: the middle slice across {@code axis} of each sample (2D samples as they are). */
    public static BufferedImage render(List<Sample> samples, Axis axis, int columns, int tile) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples to show");
        }
        ContactSheet sheet = new ContactSheet(columns, tile);
        for (Sample s : samples) {
            Volume img = s.image().nt() > 1 ? s.image().frame(0) : s.image();
            Volume imgSlice = middle(img, axis);
            Volume labSlice = s.label() == null ? null : middle(s.label(), axis);
            float[] range = img.range();
            sheet.add(Overlay.render(imgSlice, labSlice, range[0], range[1]), s.caption());
        }
        return sheet.render();
    }

    /** Writes the grid as a PNG, atomically. */
    public static void write(Path png, List<Sample> samples, Axis axis, int columns, int tile) throws DataException {
        Pictures.writePng(render(samples, axis, columns, tile), png);
    }

    /** The middle slice across {@code axis}; a 2D volume (nz = 1) is its own slice whatever the axis. */
    static Volume middle(Volume v, Axis axis) {
        if (v.nz() == 1) {
            return v;
        }
        return Slices.extract(v, axis, Slices.count(v, axis) / 2);
    }
}
