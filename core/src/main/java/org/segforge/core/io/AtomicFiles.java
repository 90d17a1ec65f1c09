package org.segforge.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.segforge.core.DataException;

/**
 * Writes a file so that readers never see half of it: the content goes to a temporary file in
 * the same folder, which is renamed over the target only once it is complete. On any failure the
 * temporary file is deleted and the target is left as it was.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes through the body; its output stream goes to the temporary file. */
    public interface Body {
        void writeTo(OutputStream out) throws IOException, DataException;
    }

    public static void write(Path target, Body body) throws DataException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            makeWorldReadable(tmp);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new DataException(target, "cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more than a leftover temporary file
                }
            }
        }
    }

    /**
     * createTempFile makes owner-only files (0600); an output users share (a dataset, a model)
     * should get the permissions an ordinary file would, so add read for group and others.
     */
    private static void makeWorldReadable(Path tmp) throws IOException {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(tmp);
            perms.add(java.nio.file.attribute.PosixFilePermission.GROUP_READ);
            perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
    }

    /** Writes a small text file (UTF-8) atomically. */
    public static void writeString(Path target, String text) throws DataException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Deletes a folder tree, best effort: used to clean up temporary folders after a failure. */
    public static void deleteTreeQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover hidden temporary folder is harmless; the caller's error matters more
        }
    }
}
