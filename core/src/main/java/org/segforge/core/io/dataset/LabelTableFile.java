package org.segforge.core.io.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.segforge.core.DataException;

/**
 * A text table of label names as atlases ship them (e.g. Colin27's {@code aal.nii.txt}): one
 * label per line, "VALUE NAME [anything else]", separated by white space; blank lines and lines
 * starting with '#' are skipped.
 */
public final class LabelTableFile {
    private LabelTableFile() {}

    /** value → name. */
    public static Map<Integer, String> read(Path file) throws DataException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(file, "cannot read: " + e.getMessage(), e);
        }
        Map<Integer, String> names = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            int value;
            try {
                value = Integer.parseInt(parts[0]);
            } catch (NumberFormatException e) {
                throw new DataException(file, "line " + (i + 1) + ": \"" + parts[0] + "\" is not a label value");
            }
            if (parts.length < 2) {
                throw new DataException(file, "line " + (i + 1) + ": label " + value + " has no name");
            }
            if (names.put(value, parts[1]) != null) {
                throw new DataException(file, "line " + (i + 1) + ": label " + value + " is listed twice");
            }
        }
        return names;
    }
}
