package org.segforge.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.segforge.core.DataException;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Intensity;
import org.segforge.core.image.Labels;
import org.segforge.core.image.Slices;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;

/** Writes a volume as PNG/JPEG pictures, one per slice, all or nothing. */
public final class SliceExport {
    private SliceExport() {}

    /** How values are mapped to the picture's 8 or 16 bits. */
    public enum Rescale {
        AUTO, MINMAX, NONE;

        public static Rescale parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--rescale must be auto, minmax or none, not '" + s + "'");
            }
        }
    }

    /**
     * Writes {@code v} to {@code out} (2D) or to {@code STEM_NNN.EXT} beside it (3D, one per slice
     * along {@code axis}); returns the number of files. Files go to a temporary folder first and are
     * moved into place only when all were written.
     */
    public static int writeSlices(Volume v, Path out, Axis axis, Rescale rescale) throws DataException {
        if (v.nt() > 1) {
            throw new DataException(out, "cannot write a 4D volume (" + v.nt() + " frames) as pictures; convert one frame at a time");
        }
        Volume scaled = scaled(v, rescale, ImageFiles.lowerName(out).endsWith(".png"));
        DataType type = fitsUint8(scaled) ? DataType.UINT8 : DataType.UINT16;
        if (v.is2d()) {
            ImageFiles.write(scaled, out, type);
            return 1;
        }
        String file = out.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = file.substring(0, dot);
        String ext = file.substring(dot);
        Path dir = out.toAbsolutePath().getParent();
        int n = Slices.count(scaled, axis);
        int digits = Math.max(3, Integer.toString(n - 1).length());
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempDirectory(dir, "." + stem + "-");
            List<Path> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = String.format(Locale.ROOT, "%s_%0" + digits + "d%s", stem, i, ext);
                ImageFiles.write(Slices.extract(scaled, axis, i), tmp.resolve(name), type);
                names.add(Path.of(name));
            }
            for (Path name : names) {
                Files.move(tmp.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            return n;
        } catch (IOException e) {
            throw new DataException(out, "cannot write slices: " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteTreeQuietly(tmp);
        }
    }

    private static Volume scaled(Volume v, Rescale mode, boolean sixteenBitOk) {
        boolean fits = Labels.isIntegral(v) && v.range()[0] >= 0 && v.range()[1] <= (sixteenBitOk ? 65535 : 255);
        if (mode == Rescale.NONE || (mode == Rescale.AUTO && fits)) {
            return v;
        }
        Volume unit = Intensity.minMax(v);
        float[] d = unit.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.round(d[i] * 255f);
        }
        return unit.withData(d);
    }

    private static boolean fitsUint8(Volume v) {
        float[] r = v.range();
        return r[0] >= 0 && r[1] <= 255;
    }

}
