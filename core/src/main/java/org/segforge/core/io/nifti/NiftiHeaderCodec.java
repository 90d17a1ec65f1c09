package org.segforge.core.io.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses NIfTI-1 and NIfTI-2 headers in either byte order, and encodes NIfTI-1 headers. The field
 * offsets are those of {@code nifti1.h} and {@code nifti2.h}; the version and byte order are told by
 * sizeof_hdr (348 or 540), which is what the standard prescribes for detecting the byte order.
 */
public final class NiftiHeaderCodec {
    private NiftiHeaderCodec() {}

    /** Version and byte order told by the first four bytes (sizeof_hdr). */
    public record Kind(int version, ByteOrder order) {
        public int headerSize() {
            return version == 2 ? NiftiHeader.SIZE_V2 : NiftiHeader.SIZE_V1;
        }
    }

    /**
     * The version and byte order from sizeof_hdr, or null when the four bytes are neither 348 nor
     * 540 in either byte order (not a NIfTI file).
     */
    public static Kind detect(byte[] first4) {
        if (first4.length < 4) {
            return null;
        }
        for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            int size = ByteBuffer.wrap(first4, 0, 4).order(o).getInt();
            if (size == NiftiHeader.SIZE_V1) {
                return new Kind(1, o);
            }
            if (size == NiftiHeader.SIZE_V2) {
                return new Kind(2, o);
            }
        }
        return null;
    }

    /** sizeof_hdr as a little-endian int, for error messages about files that are not NIfTI. */
    public static int rawSizeofHdr(byte[] first4) {
        return ByteBuffer.wrap(first4, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /**
     * Decodes a header of {@code kind.headerSize()} bytes. Never fails on odd values: checking them
     * is the reader's job, which knows the file name.
     */
    public static NiftiHeader decode(byte[] bytes, Kind kind) {
        if (bytes.length < kind.headerSize()) {
            throw new IllegalArgumentException("a NIfTI-" + kind.version() + " header needs " + kind.headerSize()
                + " bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(kind.order());
        return kind.version() == 2 ? decode2(b, kind.order()) : decode1(b, kind.order());
    }

    private static NiftiHeader decode1(ByteBuffer b, ByteOrder o) {
        List<Long> dim = new ArrayList<>(8);
        for (int i = 0; i < 8; i++) {
            dim.add((long) b.getShort(40 + 2 * i));
        }
        List<Double> pixdim = new ArrayList<>(8);
        for (int i = 0; i < 8; i++) {
            pixdim.add((double) b.getFloat(76 + 4 * i));
        }
        int xyzt = b.get(123) & 0xFF;
        return new NiftiHeader(1, o, text(b, 344, 4), dim, pixdim,
            b.getShort(70), b.getShort(72), b.getFloat(108), b.getFloat(112), b.getFloat(116),
            b.getShort(252), b.getShort(254),
            b.getFloat(256), b.getFloat(260), b.getFloat(264), b.getFloat(268), b.getFloat(272), b.getFloat(276),
            floats(b, 280, 4), floats(b, 296, 4), floats(b, 312, 4),
            text(b, 148, 80), text(b, 228, 24), b.getShort(68), text(b, 328, 16), floats(b, 56, 3),
            xyzt, b.get(39) & 0xFF, b.get(122) & 0xFF, b.getShort(74), b.getShort(120),
            b.getFloat(132), b.getFloat(136), b.getFloat(128), b.getFloat(124), List.of());
    }

    private static NiftiHeader decode2(ByteBuffer b, ByteOrder o) {
        List<Long> dim = new ArrayList<>(8);
        for (int i = 0; i < 8; i++) {
            dim.add(b.getLong(16 + 8 * i));
        }
        return new NiftiHeader(2, o, text(b, 4, 8), dim, doubles(b, 104, 8),
            b.getShort(12), b.getShort(14), b.getLong(168), b.getDouble(176), b.getDouble(184),
            b.getInt(344), b.getInt(348),
            b.getDouble(352), b.getDouble(360), b.getDouble(368), b.getDouble(376), b.getDouble(384), b.getDouble(392),
            doubles(b, 400, 4), doubles(b, 432, 4), doubles(b, 464, 4),
            text(b, 240, 80), text(b, 320, 24), b.getInt(504), text(b, 508, 16), doubles(b, 80, 3),
            b.getInt(500), b.get(524) & 0xFF, b.getInt(496), b.getLong(224), b.getLong(232),
            b.getDouble(208), b.getDouble(216), b.getDouble(200), b.getDouble(192), List.of());
    }

    /**
     * Encodes a NIfTI-1 header (348 bytes) followed by the 4-byte extension flag (all zero: no
     * extensions), i.e. the 352 bytes that precede the voxels of a single-file {@code .nii}.
     * Values are narrowed to the NIfTI-1 types; dimensions must fit a signed short.
     */
    public static byte[] encode1(NiftiHeader h, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(NiftiHeader.SIZE_V1 + 4).order(order);
        b.putInt(0, NiftiHeader.SIZE_V1);
        b.put(38, (byte) 'r'); // "regular": Analyze legacy, set by every writer
        b.put(39, (byte) h.dimInfo());
        for (int i = 0; i < 8; i++) {
            long d = h.dim().get(i);
            if (d < Short.MIN_VALUE || d > Short.MAX_VALUE) {
                throw new IllegalArgumentException("dim[" + i + "] = " + d + " does not fit NIfTI-1 (max 32767)");
            }
            b.putShort(40 + 2 * i, (short) d);
        }
        for (int i = 0; i < 3; i++) {
            b.putFloat(56 + 4 * i, h.intentP().get(i).floatValue());
        }
        b.putShort(68, (short) h.intentCode());
        b.putShort(70, (short) h.datatype());
        b.putShort(72, (short) h.bitpix());
        b.putShort(74, (short) h.sliceStart());
        for (int i = 0; i < 8; i++) {
            b.putFloat(76 + 4 * i, h.pixdim().get(i).floatValue());
        }
        b.putFloat(108, (float) h.voxOffset());
        b.putFloat(112, (float) h.sclSlope());
        b.putFloat(116, (float) h.sclInter());
        b.putShort(120, (short) h.sliceEnd());
        b.put(122, (byte) h.sliceCode());
        b.put(123, (byte) h.xyztUnits());
        b.putFloat(124, (float) h.calMax());
        b.putFloat(128, (float) h.calMin());
        b.putFloat(132, (float) h.sliceDuration());
        b.putFloat(136, (float) h.toffset());
        putText(b, 148, 80, h.descrip());
        putText(b, 228, 24, h.auxFile());
        b.putShort(252, (short) h.qformCode());
        b.putShort(254, (short) h.sformCode());
        b.putFloat(256, (float) h.quaternB());
        b.putFloat(260, (float) h.quaternC());
        b.putFloat(264, (float) h.quaternD());
        b.putFloat(268, (float) h.qoffsetX());
        b.putFloat(272, (float) h.qoffsetY());
        b.putFloat(276, (float) h.qoffsetZ());
        for (int i = 0; i < 4; i++) {
            b.putFloat(280 + 4 * i, h.srowX().get(i).floatValue());
            b.putFloat(296 + 4 * i, h.srowY().get(i).floatValue());
            b.putFloat(312 + 4 * i, h.srowZ().get(i).floatValue());
        }
        putText(b, 328, 16, h.intentName());
        putText(b, 344, 4, h.magic());
        return b.array();
    }

    private static List<Double> floats(ByteBuffer b, int at, int n) {
        List<Double> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add((double) b.getFloat(at + 4 * i));
        }
        return out;
    }

    private static List<Double> doubles(ByteBuffer b, int at, int n) {
        List<Double> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(b.getDouble(at + 8 * i));
        }
        return out;
    }

    /** A NUL-terminated field as text; bytes that are not printable ASCII are shown as '?'. */
    private static String text(ByteBuffer b, int at, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int c = b.get(at + i) & 0xFF;
            if (c == 0) {
                break;
            }
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return sb.toString();
    }

    private static void putText(ByteBuffer b, int at, int len, String s) {
        byte[] bytes = s == null ? new byte[0] : s.getBytes(StandardCharsets.US_ASCII);
        // keep one NUL so that C readers find the end of the string
        int n = Math.min(bytes.length, len - 1);
        for (int i = 0; i < n; i++) {
            b.put(at + i, bytes[i]);
        }
    }
}
