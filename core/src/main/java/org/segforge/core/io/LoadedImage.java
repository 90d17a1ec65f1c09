package org.segforge.core.io;

import java.nio.file.Path;
import java.util.Map;
import org.segforge.core.image.Volume;

/**
 * What a reader returns: the voxels with their geometry, the format and stored data type, and the
 * format's own header fields (ordered, for {@code segforge info}) so that nothing read is lost.
 */
public record LoadedImage(Path file, String format, DataType storedType, Volume volume, Map<String, Object> header) {
    public LoadedImage {
        // keep the reader's order (info prints fields as the format lists them)
        header = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(header));
    }
}
