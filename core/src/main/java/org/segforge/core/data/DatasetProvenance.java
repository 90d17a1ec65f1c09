package org.segforge.core.data;

/**
 * Where a dataset came from, enough to tell later whether a model was trained on the same data.
 *
 * @param name          the dataset's name (dataset.json "name", or the folder name)
 * @param source        the folder it was read from, or a description such as "in memory"
 * @param fingerprint   SHA-256 (hex) over the dataset's content, see {@link Fingerprints}
 * @param fingerprintOf what was hashed: {@link #FILES} (file bytes) or {@link #VOXELS} (voxel data)
 */
public record DatasetProvenance(String name, String source, String fingerprint, String fingerprintOf) {
    public static final String FILES = "files";
    public static final String VOXELS = "voxels";

    public DatasetProvenance {
        if (name == null || fingerprint == null || fingerprintOf == null) {
            throw new IllegalArgumentException("provenance needs a name, a fingerprint and what it was computed over");
        }
        if (!FILES.equals(fingerprintOf) && !VOXELS.equals(fingerprintOf)) {
            throw new IllegalArgumentException("fingerprintOf must be '" + FILES + "' or '" + VOXELS + "', got '" + fingerprintOf + "'");
        }
        source = source == null ? "" : source;
    }
}
