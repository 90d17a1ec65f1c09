package org.segforge.core.metric;

import org.segforge.core.DataException;
import org.segforge.core.SharedData;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;

/** The Colin27-grid label maps of shared/data (181×217×181, 1 mm), read with {@link ImageFiles}. */
final class SharedMasks {
    static final int NX = 181, NY = 217, NZ = 181;

    private SharedMasks() {}

    /** The volume as stored (the lesion files scale their 0/100 bytes by 0.01, giving 0 or ≈1). */
    static Volume read(String relative) throws DataException {
        Volume v = ImageFiles.readVolume(SharedData.file(relative));
        if (v.nx() != NX || v.ny() != NY || v.nz() != NZ) {
            throw new IllegalStateException(relative + ": expected the Colin27 grid, got " + v);
        }
        return v;
    }

    /** The voxels that are not zero as a 0/1 label map — what metrics_reference.py reads as a lesion. */
    static Volume binary(String relative) throws DataException {
        Volume v = read(relative);
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
