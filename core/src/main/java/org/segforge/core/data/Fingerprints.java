package org.segforge.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;

/**
 * SHA-256 fingerprints of datasets, so provenance can name the exact data a model saw. Two kinds:
 * over files (relative path, length and bytes of each file, in sorted path order, so the result
 * does not depend on the order a folder listing returns) and over voxels (id, shape, affine and
 * float32 bits of every volume of every case, in case order), for data that never was a file.
 */
public final class Fingerprints {
    private Fingerprints() {}

    /** Hashes {@code files} (each under {@code root}) by relative path, length and content. */
    public static String ofFiles(Path root, Collection<Path> files) throws DataException {
        MessageDigest md = sha256();
        Path base = root.toAbsolutePath().normalize();
        List<String> rel = new ArrayList<>();
        for (Path f : files) {
            rel.add(base.relativize(f.toAbsolutePath().normalize()).toString().replace('\\', '/'));
        }
        rel.sort(null);
        byte[] buf = new byte[1 << 16];
        for (String r : rel) {
            Path f = base.resolve(r);
            try (InputStream in = Files.newInputStream(f)) {
                md.update(r.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(longBytes(Files.size(f)));
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            } catch (IOException e) {
                throw new DataException(f, "cannot read for fingerprint: " + e.getMessage(), e);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Hashes the cases' ids, geometry and voxel values (labels included, and whether there is one). */
    public static String ofCases(List<Case> cases) {
        MessageDigest md = sha256();
        for (Case c : cases) {
            md.update(c.id().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update((byte) c.numChannels());
            for (Volume v : c.channels()) {
                update(md, v);
            }
            md.update((byte) (c.isLabelled() ? 1 : 0));
            if (c.isLabelled()) {
                update(md, c.label());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Hashes one volume's shape, affine and voxels. */
    public static String ofVolume(Volume v) {
        MessageDigest md = sha256();
        update(md, v);
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, Volume v) {
        ByteBuffer head = ByteBuffer.allocate(4 * 4 + 16 * 8).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(v.nx()).putInt(v.ny()).putInt(v.nz()).putInt(v.nt());
        for (double a : v.affine().toArray()) {
            head.putDouble(a);
        }
        md.update(head.array());
        float[] d = v.data();
        ByteBuffer chunk = ByteBuffer.allocate(4 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < d.length; i += 8192) {
            chunk.clear();
            int end = Math.min(d.length, i + 8192);
            for (int j = i; j < end; j++) {
                chunk.putInt(Float.floatToIntBits(d[j]));
            }
            md.update(chunk.array(), 0, chunk.position());
        }
    }

    private static byte[] longBytes(long n) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
