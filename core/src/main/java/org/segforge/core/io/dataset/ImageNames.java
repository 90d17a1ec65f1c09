package org.segforge.core.io.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** File-name rules shared by the dataset layouts: which files are images, and their stems. */
public final class ImageNames {
    /** Endings of image files SegForge can read, longest first so ".nii.gz" wins over ".gz". */
    public static final List<String> ENDINGS = List.of(".nii.gz", ".nii", ".mha", ".mhd", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".dcm");

    private ImageNames() {}

    /** The image ending of a file name (lower case), or null when it is not an image file. */
    public static String ending(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String e : ENDINGS) {
            if (lower.endsWith(e) && lower.length() > e.length()) {
                return e;
            }
        }
        return null;
    }

    /** The name without its image ending. */
    public static String stem(String fileName) {
        String e = ending(fileName);
        return e == null ? fileName : fileName.substring(0, fileName.length() - e.length());
    }

    /** Hidden files (".DS_Store", macOS "._x.nii.gz" forks shipped inside the MSD archives) are ignored. */
    public static boolean hidden(Path file) {
        return file.getFileName().toString().startsWith(".");
    }
}
