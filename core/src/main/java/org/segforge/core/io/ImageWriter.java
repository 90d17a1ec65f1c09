package org.segforge.core.io;

import java.nio.file.Path;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;

/** One image format's writer. Writers write atomically: a temporary file, then a rename. */
public interface ImageWriter {
    String name();

    boolean accepts(Path file);

    /**
     * Writes the volume; {@code type} null means "float32 unless every voxel is an integer that
     * fits a smaller type" is left to the writer. Values that the type cannot hold are an error.
     */
    void write(Volume volume, Path file, DataType type) throws DataException;
}
