package org.segforge.core.metric;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import org.segforge.core.SharedData;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;

/**
 * Reads the uint8 Colin27-grid masks of shared/data (181×217×181, 352-byte NIfTI header, x
 * fastest) as raw bytes — exactly what metrics_reference.py reads — with a chosen spacing.
 */
final class RawMasks {
    static final int NX = 181, NY = 217, NZ = 181;

    private RawMasks() {}

    static Volume read(String relative, double sx, double sy, double sz) throws IOException {
        byte[] all;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SharedData.file(relative)))) {
            all = in.readAllBytes();
        }
        int n = NX * NY * NZ;
        if (all.length != 352 + n) {
            throw new IOException(relative + ": expected " + (352 + n) + " bytes, got " + all.length);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = all[352 + i] & 0xff;
        }
        return new Volume(NX, NY, NZ, v, Affine.scaling(sx, sy, sz));
    }

    /** The voxels that are not zero, as a 0/1 label map. */
    static Volume binary(Volume v) {
        float[] d = v.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] != 0 ? 1 : 0;
        }
        return v.withData(d);
    }

    static boolean[] mask(Volume v) {
        boolean[] m = new boolean[v.data().length];
        for (int i = 0; i < m.length; i++) {
            m[i] = v.data()[i] != 0;
        }
        return m;
    }
}
