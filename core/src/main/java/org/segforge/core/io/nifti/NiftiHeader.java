package org.segforge.core.io.nifti;

import java.nio.ByteOrder;
import java.util.List;

/**
 * The fields of a NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header, widened to the NIfTI-2 types
 * (long dimensions, double values) so that one record serves both versions.
 *
 * <p>Arrays are exposed as immutable lists. {@code voxOffset} is the value as stored; the reader
 * decides how to interpret an invalid one.
 *
 * @param version    1 or 2, from sizeof_hdr (348 or 540)
 * @param order      byte order the header was stored in (the voxels use the same)
 * @param magic      the magic string without trailing NULs ("n+1", "ni1", "n+2", …)
 * @param dim        dim[0..7]: dim[0] is the number of dimensions, dim[1..] the sizes
 * @param pixdim     pixdim[0..7]: pixdim[0] is qfac, pixdim[1..3] the voxel size
 * @param extensions header extensions found between the header and the voxels
 */
public record NiftiHeader(
        int version,
        ByteOrder order,
        String magic,
        List<Long> dim,
        List<Double> pixdim,
        int datatype,
        int bitpix,
        double voxOffset,
        double sclSlope,
        double sclInter,
        int qformCode,
        int sformCode,
        double quaternB,
        double quaternC,
        double quaternD,
        double qoffsetX,
        double qoffsetY,
        double qoffsetZ,
        List<Double> srowX,
        List<Double> srowY,
        List<Double> srowZ,
        String descrip,
        String auxFile,
        int intentCode,
        String intentName,
        List<Double> intentP,
        int xyztUnits,
        int dimInfo,
        int sliceCode,
        long sliceStart,
        long sliceEnd,
        double sliceDuration,
        double toffset,
        double calMin,
        double calMax,
        List<Extension> extensions) {

    /** Size in bytes of the NIfTI-1 header. */
    public static final int SIZE_V1 = 348;
    /** Size in bytes of the NIfTI-2 header. */
    public static final int SIZE_V2 = 540;

    /** One header extension: its code (e.g. 6 = comment, 4 = AFNI) and size including its 8-byte head. */
    public record Extension(int code, int size) {}

    public NiftiHeader {
        dim = List.copyOf(dim);
        pixdim = List.copyOf(pixdim);
        srowX = List.copyOf(srowX);
        srowY = List.copyOf(srowY);
        srowZ = List.copyOf(srowZ);
        intentP = List.copyOf(intentP);
        extensions = List.copyOf(extensions);
        if (dim.size() != 8 || pixdim.size() != 8) {
            throw new IllegalArgumentException("dim and pixdim need 8 entries");
        }
        if (srowX.size() != 4 || srowY.size() != 4 || srowZ.size() != 4) {
            throw new IllegalArgumentException("srow_x/y/z need 4 entries");
        }
    }

    /** Header size in bytes: 348 for NIfTI-1, 540 for NIfTI-2. */
    public int size() {
        return version == 2 ? SIZE_V2 : SIZE_V1;
    }

    /** The same header with other extensions (the reader learns them after the header). */
    public NiftiHeader withExtensions(List<Extension> ext) {
        return new NiftiHeader(version, order, magic, dim, pixdim, datatype, bitpix, voxOffset, sclSlope,
            sclInter, qformCode, sformCode, quaternB, quaternC, quaternD, qoffsetX, qoffsetY, qoffsetZ,
            srowX, srowY, srowZ, descrip, auxFile, intentCode, intentName, intentP, xyztUnits, dimInfo,
            sliceCode, sliceStart, sliceEnd, sliceDuration, toffset, calMin, calMax, ext);
    }
}
