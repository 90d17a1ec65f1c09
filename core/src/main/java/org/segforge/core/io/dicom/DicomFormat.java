package org.segforge.core.io.dicom;

import java.nio.file.Path;
import org.segforge.core.DataException;
import org.segforge.core.io.ImageReader;
import org.segforge.core.io.LoadedImage;

/** PLACEHOLDER: being implemented. */
public final class DicomFormat implements ImageReader {
    @Override
    public String name() {
        return "DICOM";
    }

    @Override
    public boolean accepts(Path file) {
        return false;
    }

    @Override
    public LoadedImage read(Path file) throws DataException {
        throw new DataException(file, "DICOM reading is not implemented yet");
    }
}
