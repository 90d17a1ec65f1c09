package org.segforge.core.data;

import org.segforge.core.DataException;

/**
 * Something that yields one {@link Case} on demand: a case already in memory, or the files of a
 * case on disk that are read only when asked for, so a dataset of hundreds of cases can be listed
 * without holding their voxels.
 */
public interface CaseSource {
    /** The case identifier, unique within its dataset. */
    String id();

    /** The case's volumes; a file-backed source reads them on every call (no caching). */
    Case load() throws DataException;
}
