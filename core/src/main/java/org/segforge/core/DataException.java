package org.segforge.core;

import java.nio.file.Path;

/**
 * A problem with data a user supplied: a corrupt, truncated or unsupported file, shapes that do
 * not agree, a missing label. The message always names the file (when there is one) and the
 * problem in one line, so the CLI can print it as is and exit with status 1.
 */
public class DataException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public DataException(Path file, String problem) {
        this(file, problem, null);
    }

    public DataException(Path file, String problem, Throwable cause) {
        super(file == null ? problem : file + ": " + problem, cause);
        this.file = file;
    }

    public DataException(String problem) {
        this(null, problem, null);
    }

    /** The file the problem is in, or null when it is not about one file. */
    public Path file() {
        return file;
    }
}
