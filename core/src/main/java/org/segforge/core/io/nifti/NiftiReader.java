package org.segforge.core.io.nifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.LoadedImage;
import org.segforge.core.io.ReadLimits;

/**
 * Reads single-file NIfTI-1 and NIfTI-2 images ({@code .nii}, gzipped or not, told by the gzip
 * magic bytes rather than the ending) into float32 volumes, with scl_slope/scl_inter applied.
 *
 * <p>The voxels are streamed through one reusable buffer of a few MiB and converted with a
 * {@link ByteBuffer} view in the file's byte order, so memory stays at the float array plus the
 * buffer, and the voxel count is checked against {@link ReadLimits} before anything is allocated.
 * Every problem with the file ends in a {@link DataException} naming it.
 */
public final class NiftiReader {
    private static final int IO_BUFFER = 1 << 16;
    private static final int CHUNK_BYTES = 8 << 20; // a multiple of every voxel size
    /** Deflate cannot expand data by more than about 1032:1; a gzip file cannot hold more. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    /** Gzip files up to this size are decoded from memory (faster); larger ones are streamed. */
    private static final long IN_MEMORY_GZIP_LIMIT = 1L << 30;

    private NiftiReader() {}

    public static LoadedImage read(Path file) throws DataException {
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file, "no such file");
        } catch (IOException e) {
            throw new DataException(file, "cannot read: " + e.getMessage(), e);
        }
        boolean gzip = false;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), IO_BUFFER)) {
            raw.mark(2);
            gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            if (!gzip) {
                return read(file, raw, false, fileSize);
            }
            if (fileSize > IN_MEMORY_GZIP_LIMIT) {
                // too large for one array: stream it (slower, but any size)
                try (InputStream in = new GZIPInputStream(raw, IO_BUFFER)) {
                    return read(file, in, true, fileSize);
                }
            }
            try (InputStream in = new GzipBytes(raw.readAllBytes())) {
                return read(file, in, true, fileSize);
            }
        } catch (EOFException e) {
            // only the gzip layer throws this mid-read; our own short reads are reported as truncation
            throw new DataException(file, "truncated gzip data: " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new DataException(file, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataException(file, (gzip ? "cannot read gzip data: " : "cannot read: ") + e.getMessage(), e);
        }
    }

    private static LoadedImage read(Path file, InputStream in, boolean gzip, long fileSize)
            throws IOException, DataException {
        byte[] first = in.readNBytes(NiftiHeader.SIZE_V1);
        if (first.length < 4) {
            throw new DataException(file, "not a NIfTI file (only " + first.length + " bytes)");
        }
        NiftiHeaderCodec.Kind kind = NiftiHeaderCodec.detect(first);
        if (kind == null) {
            throw new DataException(file, "not a NIfTI file (sizeof_hdr " + NiftiHeaderCodec.rawSizeofHdr(first)
                + ", expected 348 or 540)");
        }
        byte[] bytes = first;
        if (kind.headerSize() > first.length) {
            byte[] rest = in.readNBytes(kind.headerSize() - first.length);
            bytes = new byte[first.length + rest.length];
            System.arraycopy(first, 0, bytes, 0, first.length);
            System.arraycopy(rest, 0, bytes, first.length, rest.length);
        }
        if (bytes.length < kind.headerSize()) {
            throw new DataException(file, "truncated: the NIfTI-" + kind.version() + " header needs "
                + kind.headerSize() + " bytes, found " + bytes.length);
        }
        NiftiHeader h = NiftiHeaderCodec.decode(bytes, kind);
        checkMagic(file, h);

        int[] shape = shape(file, h);
        DataType type = DataType.fromNiftiCode(h.datatype());
        if (type == null) {
            throw new DataException(file, "unsupported datatype " + h.datatype()
                + " (supported: uint8, int8, int16, uint16, int32, uint32, int64, float32, float64)");
        }
        long voxels = ReadLimits.checkVoxels(file, shape[0], shape[1], shape[2], shape[3]);
        long dataBytes = voxels * type.bytes();
        long offset = voxOffset(file, h);
        if (!gzip) {
            long available = Math.max(0, fileSize - offset);
            if (available < dataBytes) {
                throw truncated(file, dataBytes, available);
            }
        } else if (fileSize * MAX_DEFLATE_RATIO < offset + dataBytes) {
            throw new DataException(file, "truncated: expected " + dataBytes + " bytes of voxel data, but a gzip file of "
                + fileSize + " bytes cannot hold more than about " + fileSize * MAX_DEFLATE_RATIO);
        }

        List<NiftiHeader.Extension> ext = new ArrayList<>();
        String extNote = readExtensions(file, in, h.size(), h.order(), offset, dataBytes, ext);
        h = h.withExtensions(ext);

        float[] data;
        try {
            data = new float[(int) voxels];
        } catch (OutOfMemoryError e) {
            throw new DataException(file, "not enough memory for " + voxels + " voxels (raise -Xmx)");
        }
        double slope = h.sclSlope(), inter = h.sclInter();
        boolean scaled = slope != 0 && Double.isFinite(slope);
        if (scaled && !Double.isFinite(inter)) {
            inter = 0;
        }
        readVoxels(file, in, type, h.order(), data, dataBytes, scaled, slope, inter);
        if (gzip) {
            // read to the end so that the gzip CRC and length are checked: corruption that still
            // inflates would otherwise go unnoticed
            byte[] sink = new byte[IO_BUFFER];
            while (in.read(sink) >= 0) {
                // discard trailing bytes
            }
        }

        NiftiGeometry.Resolved geometry = NiftiGeometry.resolve(h);
        Volume volume = new Volume(shape[0], shape[1], shape[2], shape[3], data, geometry.affine());
        return new LoadedImage(file, "NIfTI-" + h.version(), type, volume,
            headerMap(h, type, offset, geometry.source(), extNote));
    }

    private static DataException truncated(Path file, long expected, long found) {
        return new DataException(file, "truncated: expected " + expected + " bytes of voxel data, found " + found);
    }

    private static void checkMagic(Path file, NiftiHeader h) throws DataException {
        String expected = h.version() == 2 ? "n+2" : "n+1";
        if (h.magic().equals(expected)) {
            return;
        }
        if (h.magic().equals(h.version() == 2 ? "ni2" : "ni1")) {
            throw new DataException(file, "a NIfTI header/image pair (.hdr/.img) is not supported; convert it to a single .nii");
        }
        throw new DataException(file, "not a NIfTI file (magic '" + h.magic() + "', expected '" + expected + "')");
    }

    /** {nx, ny, nz, nt} from dim[], refusing what a volume cannot represent. */
    private static int[] shape(Path file, NiftiHeader h) throws DataException {
        long n = h.dim().get(0);
        if (n < 1 || n > 7) {
            throw new DataException(file, "dim[0] = " + n + " is not a number of dimensions between 1 and 7");
        }
        long[] size = {1, 1, 1, 1};
        for (int i = 1; i <= n; i++) {
            long d = h.dim().get(i);
            if (d < 1) {
                throw new DataException(file, "dim[" + i + "] = " + d + " is not positive");
            }
            if (i >= 5 && d > 1) {
                throw new DataException(file, "dim[" + i + "] = " + d + ": images with more than 4 dimensions are not supported");
            }
            if (i <= 4) {
                if (d > Integer.MAX_VALUE) {
                    throw new DataException(file, "dim[" + i + "] = " + d + " is too large");
                }
                size[i - 1] = d;
            }
        }
        return new int[] {(int) size[0], (int) size[1], (int) size[2], (int) size[3]};
    }

    /**
     * Where the voxels start. Some writers leave vox_offset 0 in single files (Analyze habits); the
     * standard minimum, header plus the 4-byte extension flag, is meant then, as nibabel assumes.
     */
    private static long voxOffset(Path file, NiftiHeader h) throws DataException {
        double v = h.voxOffset();
        long min = h.size() + 4L;
        if (v == 0) {
            return min;
        }
        if (!Double.isFinite(v) || v != Math.rint(v) || v < min || v > Long.MAX_VALUE / 2) {
            throw new DataException(file, "vox_offset " + v + " is invalid (must be a whole number of at least " + min + ")");
        }
        return (long) v;
    }

    /**
     * Reads the 4-byte extension flag and the extensions up to vox_offset, keeping their codes and
     * sizes, and leaves the stream at the voxels. Extensions share the header's byte order. A
     * malformed extension is skipped with a note (the voxels can still be right), as the reference
     * library does.
     */
    private static String readExtensions(Path file, InputStream in, long headerSize, ByteOrder order, long offset, long dataBytes,
                                         List<NiftiHeader.Extension> out) throws IOException, DataException {
        long pos = headerSize;
        String note = null;
        byte[] flag = in.readNBytes(4);
        if (flag.length < 4) {
            throw truncated(file, dataBytes, 0);
        }
        pos += 4;
        if (flag[0] != 0) {
            while (pos + 8 <= offset) {
                byte[] head = in.readNBytes(8);
                if (head.length < 8) {
                    throw truncated(file, dataBytes, 0);
                }
                pos += 8;
                ByteBuffer hb = ByteBuffer.wrap(head).order(order);
                int esize = hb.getInt(0), ecode = hb.getInt(4);
                if (esize < 16 || esize % 16 != 0 || pos - 8 + esize > offset) {
                    note = "ignored a malformed extension at byte " + (pos - 8) + " (esize " + esize + ", ecode " + ecode + ")";
                    break;
                }
                skipFully(file, in, esize - 8, dataBytes);
                pos += esize - 8;
                out.add(new NiftiHeader.Extension(ecode, esize));
            }
        }
        skipFully(file, in, offset - pos, dataBytes);
        return note;
    }

    private static void skipFully(Path file, InputStream in, long n, long dataBytes) throws IOException, DataException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new DataException(file, "truncated: the data ends before vox_offset; expected " + dataBytes
                + " bytes of voxel data, found 0");
        }
    }

    /** Streams the voxel bytes through one buffer into {@code data}. */
    private static void readVoxels(Path file, InputStream in, DataType type, ByteOrder order, float[] data,
                                   long dataBytes, boolean scaled, double slope, double inter)
            throws IOException, DataException {
        byte[] buf = new byte[(int) Math.min(CHUNK_BYTES, dataBytes)];
        long done = 0;
        int at = 0;
        Scratch scratch = new Scratch();
        while (done < dataBytes) {
            int len = (int) Math.min(buf.length, dataBytes - done);
            int got;
            try {
                got = in.readNBytes(buf, 0, len);
            } catch (EOFException e) {
                // a gzip stream that stops mid-member: the voxels are cut short
                throw new DataException(file, "truncated: expected " + dataBytes + " bytes of voxel data, found about "
                    + done + " (" + e.getMessage() + ")");
            }
            if (got < len) {
                throw truncated(file, dataBytes, done + got);
            }
            int n = len / type.bytes();
            convert(ByteBuffer.wrap(buf, 0, len).order(order), type, data, at, n, scaled, slope, inter, scratch);
            at += n;
            done += len;
        }
    }

    /**
     * Typed scratch arrays, one chunk long, reused across chunks. Copying a chunk in bulk from the
     * ByteBuffer view into a typed array and converting from there measured 2–3× faster than
     * per-element view access on a cold JVM (a CLI reads one file, before the JIT has warmed up).
     */
    private static final class Scratch {
        short[] shorts;
        int[] ints;
        long[] longs;
        double[] doubles;

        short[] shorts(int n) {
            return shorts != null && shorts.length >= n ? shorts : (shorts = new short[n]);
        }

        int[] ints(int n) {
            return ints != null && ints.length >= n ? ints : (ints = new int[n]);
        }

        long[] longs(int n) {
            return longs != null && longs.length >= n ? longs : (longs = new long[n]);
        }

        double[] doubles(int n) {
            return doubles != null && doubles.length >= n ? doubles : (doubles = new double[n]);
        }
    }

    /** Converts n stored values to float32, applying the scaling in double precision when asked. */
    private static void convert(ByteBuffer bb, DataType type, float[] out, int at, int n,
                                boolean scaled, double slope, double inter, Scratch scratch) {
        byte[] a = bb.array();
        switch (type) {
            case UINT8 -> {
                if (scaled) {
                    for (int i = 0; i < n; i++) out[at + i] = (float) ((a[i] & 0xFF) * slope + inter);
                } else {
                    for (int i = 0; i < n; i++) out[at + i] = a[i] & 0xFF;
                }
            }
            case INT8 -> {
                if (scaled) {
                    for (int i = 0; i < n; i++) out[at + i] = (float) (a[i] * slope + inter);
                } else {
                    for (int i = 0; i < n; i++) out[at + i] = a[i];
                }
            }
            case INT16, UINT16 -> {
                short[] s = scratch.shorts(n);
                bb.asShortBuffer().get(s, 0, n);
                int mask = type == DataType.UINT16 ? 0xFFFF : -1;
                if (scaled) {
                    for (int i = 0; i < n; i++) out[at + i] = (float) ((s[i] & mask) * slope + inter);
                } else {
                    for (int i = 0; i < n; i++) out[at + i] = s[i] & mask;
                }
            }
            case INT32, UINT32 -> {
                int[] s = scratch.ints(n);
                bb.asIntBuffer().get(s, 0, n);
                long mask = type == DataType.UINT32 ? 0xFFFFFFFFL : -1L;
                if (scaled) {
                    for (int i = 0; i < n; i++) out[at + i] = (float) ((s[i] & mask) * slope + inter);
                } else {
                    for (int i = 0; i < n; i++) out[at + i] = s[i] & mask;
                }
            }
            case INT64 -> {
                long[] s = scratch.longs(n);
                bb.asLongBuffer().get(s, 0, n);
                if (scaled) {
                    for (int i = 0; i < n; i++) out[at + i] = (float) (s[i] * slope + inter);
                } else {
                    for (int i = 0; i < n; i++) out[at + i] = s[i];
                }
            }
            case FLOAT32 -> {
                bb.asFloatBuffer().get(out, at, n);
                if (scaled) {
                    for (int i = at; i < at + n; i++) out[i] = (float) (out[i] * slope + inter);
                }
            }
            case FLOAT64 -> {
                double[] s = scratch.doubles(n);
                bb.asDoubleBuffer().get(s, 0, n);
                if (scaled) {
                    for (int i = 0; i < n; i++) out[at + i] = (float) (s[i] * slope + inter);
                } else {
                    for (int i = 0; i < n; i++) out[at + i] = (float) s[i];
                }
            }
            default -> throw new IllegalArgumentException("unhandled type " + type);
        }
    }

    /** The header fields worth showing, in the order of the standard. */
    private static Map<String, Object> headerMap(NiftiHeader h, DataType type, long offset,
                                                 NiftiGeometry.Source source, String extNote) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "NIfTI-" + h.version());
        m.put("sizeof_hdr", h.size());
        m.put("magic", h.magic());
        m.put("byte_order", h.order() == ByteOrder.LITTLE_ENDIAN ? "little-endian" : "big-endian");
        m.put("dim", h.dim());
        m.put("datatype", h.datatype());
        m.put("datatype_name", type.name().toLowerCase(java.util.Locale.ROOT));
        m.put("bitpix", h.bitpix());
        m.put("pixdim", h.pixdim());
        m.put("vox_offset", h.voxOffset() == offset ? (Object) offset : h.voxOffset() + " (read from " + offset + ")");
        m.put("scl_slope", h.sclSlope());
        m.put("scl_inter", h.sclInter());
        m.put("qform_code", h.qformCode());
        m.put("sform_code", h.sformCode());
        m.put("quatern_b", h.quaternB());
        m.put("quatern_c", h.quaternC());
        m.put("quatern_d", h.quaternD());
        m.put("qoffset", List.of(h.qoffsetX(), h.qoffsetY(), h.qoffsetZ()));
        m.put("srow_x", h.srowX());
        m.put("srow_y", h.srowY());
        m.put("srow_z", h.srowZ());
        m.put("affine_from", source.name().toLowerCase(java.util.Locale.ROOT));
        m.put("descrip", h.descrip());
        m.put("aux_file", h.auxFile());
        m.put("intent_code", h.intentCode());
        m.put("intent_name", h.intentName());
        m.put("xyzt_units", h.xyztUnits());
        m.put("cal_min", h.calMin());
        m.put("cal_max", h.calMax());
        List<String> ext = new ArrayList<>();
        for (NiftiHeader.Extension e : h.extensions()) {
            ext.add("code " + e.code() + ", " + e.size() + " bytes");
        }
        m.put("extensions", ext);
        if (extNote != null) {
            m.put("extensions_note", extNote);
        }
        return m;
    }
}
