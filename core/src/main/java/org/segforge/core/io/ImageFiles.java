package org.segforge.core.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;
import org.segforge.core.io.dicom.DicomFormat;
import org.segforge.core.io.metaimage.MetaImageFormat;
import org.segforge.core.io.nifti.NiftiFormat;
import org.segforge.core.io.png.PngFormat;

/**
 * The one entry point for reading and writing medical images: an ordered registry of formats,
 * chosen by file ending (a folder is read as a DICOM series).
 */
public final class ImageFiles {
    private static final NiftiFormat NIFTI = new NiftiFormat();
    private static final MetaImageFormat META = new MetaImageFormat();
    private static final PngFormat PNG = new PngFormat();
    private static final DicomFormat DICOM = new DicomFormat();
    private static final List<ImageReader> READERS = List.of(NIFTI, META, PNG, DICOM);
    private static final List<ImageWriter> WRITERS = List.of(NIFTI, META, PNG);

    private ImageFiles() {}

    public static List<ImageReader> readers() {
        return READERS;
    }

    public static List<ImageWriter> writers() {
        return WRITERS;
    }

    public static LoadedImage read(Path file) throws DataException {
        if (!Files.exists(file)) {
            throw new DataException(file, "no such file or folder");
        }
        for (ImageReader r : READERS) {
            if (r.accepts(file)) {
                return r.read(file);
            }
        }
        throw new DataException(file, "unknown image format; tried "
            + READERS.stream().map(ImageReader::name).collect(Collectors.joining(", ")));
    }

    /** Just the voxels and geometry. */
    public static Volume readVolume(Path file) throws DataException {
        return read(file).volume();
    }

    /** Writes with the writer chosen by the file ending; {@code type} may be null (writer's choice). */
    public static void write(Volume volume, Path file, DataType type) throws DataException {
        for (ImageWriter w : WRITERS) {
            if (w.accepts(file)) {
                w.write(volume, file, type);
                return;
            }
        }
        throw new DataException(file, "cannot write this format (by its ending); writable: "
            + WRITERS.stream().map(ImageWriter::name).collect(Collectors.joining(", ")));
    }

    public static void write(Volume volume, Path file) throws DataException {
        write(volume, file, null);
    }

    /** Lower-case file name, for matching endings. */
    public static String lowerName(Path file) {
        Path name = file.getFileName();
        return name == null ? "" : name.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
