package org.segforge.core.io;

import java.nio.file.Path;
import org.segforge.core.DataException;

/** One image format's reader; {@link ImageFiles} picks one by file ending. */
public interface ImageReader {
    /** Short format name, e.g. "NIfTI-1". */
    String name();

    /** Whether this reader handles the path (by its ending, or for DICOM series a folder). */
    boolean accepts(Path file);

    LoadedImage read(Path file) throws DataException;
}
