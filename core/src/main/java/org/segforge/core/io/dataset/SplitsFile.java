package org.segforge.core.io.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.segforge.core.DataException;
import org.segforge.core.data.Fold;
import org.segforge.core.io.AtomicFiles;

/**
 * splits.json: a list of folds, each {"train": [...], "val": [...], "test": [...]} — the shape of
 * nnU-Net's splits_final.json (which has no "test"; a missing part reads as empty), so a split can
 * be written once from a seed and reused by every run.
 */
public final class SplitsFile {
    public static final String FILE_NAME = "splits.json";

    private SplitsFile() {}

    /** Writes the folds atomically. */
    public static void write(Path file, List<Fold> folds) throws DataException {
        try {
            AtomicFiles.writeString(file, DatasetJson.MAPPER.writeValueAsString(folds) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise folds", e);
        }
    }

    /** Reads folds; a fold whose parts overlap is refused (it would leak). */
    public static List<Fold> read(Path file) throws DataException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException(file, "cannot read: " + e.getMessage(), e);
        }
        try {
            List<Fold> folds = DatasetJson.MAPPER.readValue(bytes, new TypeReference<List<Fold>>() {});
            if (folds == null || folds.contains(null)) {
                throw new DataException(file, "expected a list of folds {\"train\": [...], \"val\": [...]}");
            }
            return List.copyOf(folds);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                throw new DataException(file, cause.getMessage());
            }
            throw new DataException(file, "expected a list of folds {\"train\": [...], \"val\": [...]}: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DataException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
