package org.segforge.core.io.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.segforge.core.DataException;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;

/**
 * Writes single-file NIfTI-1 ({@code .nii}, or gzipped {@code .nii.gz} by the ending), little
 * endian, voxels at byte 352. The affine goes into the sform exactly (sform_code 2, aligned) and,
 * as its closest rigid-plus-scaling form, into the qform (qform_code 2) and pixdim, so that readers
 * that only know the qform still place the image. Units are mm and s. The file appears atomically.
 */
public final class NiftiWriter {
    /** NIfTI xyzt_units: NIFTI_UNITS_MM (2) | NIFTI_UNITS_SEC (8). */
    public static final int UNITS_MM_SEC = 2 | 8;
    /** NIFTI_XFORM_ALIGNED_ANAT: coordinates aligned to some anatomical space, not necessarily scanner. */
    public static final int XFORM_ALIGNED = 2;
    private static final int VOX_OFFSET = NiftiHeader.SIZE_V1 + 4;
    private static final int CHUNK_VOXELS = 1 << 20;

    private NiftiWriter() {}

    /** Writes the volume; {@code type} null picks one with {@link #smallestType(float[])}. */
    public static void write(Volume volume, Path file, DataType type) throws DataException {
        String name = ImageFiles.lowerName(file);
        boolean gzip = name.endsWith(".nii.gz");
        if (!gzip && !name.endsWith(".nii")) {
            throw new DataException(file, "a NIfTI file name must end in .nii or .nii.gz");
        }
        for (int d : volume.shape()) {
            if (d > Short.MAX_VALUE) {
                throw new DataException(file, "dimension " + d + " is too large for NIfTI-1 (at most 32767)");
            }
        }
        DataType t = type != null ? type : smallestType(volume.data());
        byte[] header = NiftiHeaderCodec.encode1(header(volume, t), ByteOrder.LITTLE_ENDIAN);
        AtomicFiles.write(file, out -> {
            if (gzip) {
                // level 1, like nibabel: gzip is for transport here, and speed matters more than a few %
                GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
                try {
                    writeBody(gz, header, volume, t, file);
                    gz.finish();
                } finally {
                    gz.close();
                }
            } else {
                writeBody(out, header, volume, t, file);
            }
        });
    }

    /** The header SegForge writes for a volume stored as {@code type}. */
    static NiftiHeader header(Volume v, DataType type) {
        Affine a = v.affine();
        NiftiGeometry.QForm q = NiftiGeometry.toQForm(a);
        int nd = v.nt() > 1 ? 4 : 3;
        List<Long> dim = List.of((long) nd, (long) v.nx(), (long) v.ny(), (long) v.nz(), (long) v.nt(), 1L, 1L, 1L);
        List<Double> pixdim = List.of(q.qfac(), q.dx(), q.dy(), q.dz(), 1.0, 1.0, 1.0, 1.0);
        List<Double> sx = new ArrayList<>(), sy = new ArrayList<>(), sz = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            sx.add(a.get(0, c));
            sy.add(a.get(1, c));
            sz.add(a.get(2, c));
        }
        return new NiftiHeader(1, ByteOrder.LITTLE_ENDIAN, "n+1", dim, pixdim, type.niftiCode(), 8 * type.bytes(),
            VOX_OFFSET, 1.0, 0.0, XFORM_ALIGNED, XFORM_ALIGNED, q.b(), q.c(), q.d(), q.qx(), q.qy(), q.qz(),
            sx, sy, sz, "SegForge", "", 0, "", List.of(0.0, 0.0, 0.0), UNITS_MM_SEC, 0, 0, 0, 0, 0, 0, 0, 0,
            List.of());
    }

    /**
     * The smallest integer type that holds every voxel when all are whole numbers (uint8, int8,
     * int16, uint16, int32, uint32, int64 in that order), else float32.
     */
    public static DataType smallestType(float[] data) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float v : data) {
            if (v != Math.rint(v)) {
                return DataType.FLOAT32; // fractional, NaN or infinite
            }
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        if (data.length == 0) {
            return DataType.UINT8;
        }
        for (DataType t : new DataType[] {DataType.UINT8, DataType.INT8, DataType.INT16, DataType.UINT16,
                DataType.INT32, DataType.UINT32, DataType.INT64}) {
            if (fits(lo, t) && fits(hi, t)) {
                return t;
            }
        }
        return DataType.FLOAT32;
    }

    private static boolean fits(double v, DataType t) {
        // 2^63 rounds to DataType.INT64.max() as a double but does not fit a long: compare strictly
        return t == DataType.INT64 ? v >= t.min() && v < 0x1p63 : v >= t.min() && v <= t.max();
    }

    private static void writeBody(OutputStream out, byte[] header, Volume v, DataType t, Path file)
            throws IOException, DataException {
        out.write(header);
        float[] data = v.data();
        ByteBuffer bb = ByteBuffer.allocate(Math.min(CHUNK_VOXELS, Math.max(1, data.length)) * t.bytes())
            .order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < data.length; start += CHUNK_VOXELS) {
            int end = Math.min(data.length, start + CHUNK_VOXELS);
            bb.clear();
            encode(data, start, end, t, bb, v, file);
            out.write(bb.array(), 0, bb.position());
        }
    }

    private static void encode(float[] data, int start, int end, DataType t, ByteBuffer bb, Volume v, Path file)
            throws DataException {
        if (t == DataType.FLOAT32) {
            for (int i = start; i < end; i++) bb.putFloat(data[i]);
            return;
        }
        if (t == DataType.FLOAT64) {
            for (int i = start; i < end; i++) bb.putDouble(data[i]);
            return;
        }
        for (int i = start; i < end; i++) {
            float f = data[i];
            if (f != Math.rint(f) || !fits(f, t)) {
                throw badValue(file, f, i, t, v);
            }
            switch (t) {
                case UINT8, INT8 -> bb.put((byte) (int) f);
                case INT16, UINT16 -> bb.putShort((short) (int) f);
                case INT32 -> bb.putInt((int) f);
                case UINT32 -> bb.putInt((int) (long) f);
                case INT64 -> bb.putLong((long) f);
                default -> throw new IllegalArgumentException("unhandled type " + t);
            }
        }
    }

    private static DataException badValue(Path file, float f, int i, DataType t, Volume v) {
        int frame = v.frameSize();
        int t4 = i / frame, r = i % frame;
        int x = r % v.nx(), y = (r / v.nx()) % v.ny(), z = r / (v.nx() * v.ny());
        String where = "voxel (" + x + ", " + y + ", " + z + (v.nt() > 1 ? ", " + t4 : "") + ")";
        String tn = t.name().toLowerCase(java.util.Locale.ROOT);
        String why = Float.isNaN(f) ? "NaN cannot be stored as " + tn
            : f != Math.rint(f) ? "value " + f + " is not a whole number and cannot be stored as " + tn
            : "value " + f + " is out of the range of " + tn + " (" + (long) t.min() + " to " + (long) t.max() + ")";
        return new DataException(file, why + " at " + where + "; choose float32 or another type");
    }
}
