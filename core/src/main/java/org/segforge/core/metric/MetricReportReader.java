package org.segforge.core.metric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.segforge.core.DataException;

/**
 * Reads the JSON file that {@link MetricReport#writeJson} writes (null = undefined = NaN). The
 * parsing is {@link MetricReport#fromJson}: the summary is recomputed from the cases rather than
 * trusted, so a hand-edited file cannot disagree with itself.
 */
public final class MetricReportReader {
    private MetricReportReader() {}

    public static MetricReport read(Path file) throws DataException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new DataException(file, "not a readable JSON file: " + e.getMessage(), e);
        }
        try {
            return MetricReport.fromJson(text);
        } catch (DataException e) {
            throw new DataException(file, e.getMessage() + " (write one with 'segforge evaluate --json')", e);
        }
    }
}
