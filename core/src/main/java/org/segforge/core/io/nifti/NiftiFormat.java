package org.segforge.core.io.nifti;

import java.nio.file.Path;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.ImageReader;
import org.segforge.core.io.ImageWriter;
import org.segforge.core.io.LoadedImage;

/**
 * NIfTI in the {@link ImageFiles} registry: reads NIfTI-1 and NIfTI-2 single files ({@code .nii},
 * {@code .nii.gz}) with {@link NiftiReader}, writes NIfTI-1 with {@link NiftiWriter}.
 */
public final class NiftiFormat implements ImageReader, ImageWriter {
    @Override
    public String name() {
        return "NIfTI";
    }

    @Override
    public boolean accepts(Path file) {
        String n = ImageFiles.lowerName(file);
        return n.endsWith(".nii") || n.endsWith(".nii.gz");
    }

    @Override
    public LoadedImage read(Path file) throws DataException {
        return NiftiReader.read(file);
    }

    @Override
    public void write(Volume volume, Path file, DataType type) throws DataException {
        NiftiWriter.write(volume, file, type);
    }
}
