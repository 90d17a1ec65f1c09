package org.segforge.core.io.nifti;

import java.nio.file.Path;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageReader;
import org.segforge.core.io.ImageWriter;
import org.segforge.core.io.LoadedImage;

/** PLACEHOLDER: being implemented. */
public final class NiftiFormat implements ImageReader, ImageWriter {
    @Override
    public String name() {
        return "NIfTI";
    }

    @Override
    public boolean accepts(Path file) {
        return false;
    }

    @Override
    public LoadedImage read(Path file) throws DataException {
        throw new DataException(file, "NIfTI reading is not implemented yet");
    }

    @Override
    public void write(Volume volume, Path file, DataType type) throws DataException {
        throw new DataException(file, "NIfTI writing is not implemented yet");
    }
}
