package org.segforge.core.io.dicom;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segforge.core.DataException;
import org.segforge.core.io.DataType;

/**
 * One DICOM file read for its image: size, pixel encoding, rescale, and geometry (per frame for
 * enhanced multi-frame objects, whose functional groups carry it). Geometry stays in DICOM's LPS
 * world here; {@link DicomFormat} turns it into a RAS affine.
 */
final class DicomInstance {
    private static int t(int g, int e) {
        return DicomDataset.tag(g, e);
    }

    static final int MODALITY = t(0x0008, 0x0060), SOP_CLASS = t(0x0008, 0x0016), SERIES_DESCRIPTION = t(0x0008, 0x103E);
    static final int SLICE_THICKNESS = t(0x0018, 0x0050), SPACING_BETWEEN = t(0x0018, 0x0088), PATIENT_POSITION = t(0x0018, 0x5100);
    static final int SERIES_UID = t(0x0020, 0x000E), INSTANCE_NUMBER = t(0x0020, 0x0013);
    static final int POSITION = t(0x0020, 0x0032), ORIENTATION = t(0x0020, 0x0037);
    static final int SAMPLES = t(0x0028, 0x0002), PHOTOMETRIC = t(0x0028, 0x0004), FRAMES = t(0x0028, 0x0008);
    static final int ROWS = t(0x0028, 0x0010), COLUMNS = t(0x0028, 0x0011), PIXEL_SPACING = t(0x0028, 0x0030);
    static final int BITS_ALLOCATED = t(0x0028, 0x0100), BITS_STORED = t(0x0028, 0x0101), HIGH_BIT = t(0x0028, 0x0102);
    static final int PIXEL_REPRESENTATION = t(0x0028, 0x0103), INTERCEPT = t(0x0028, 0x1052), SLOPE = t(0x0028, 0x1053);
    static final int SHARED_GROUPS = t(0x5200, 0x9229), PER_FRAME_GROUPS = t(0x5200, 0x9230);
    static final int PIXEL_MEASURES = t(0x0028, 0x9110), PLANE_POSITION = t(0x0020, 0x9113), PLANE_ORIENTATION = t(0x0020, 0x9116);
    static final int VALUE_TRANSFORM = t(0x0028, 0x9145);

    final Path file;
    final String transferSyntax;
    final DicomDataset data;
    final int rows, columns, frames, bitsAllocated, bitsStored, highBit;
    final boolean signed;
    final double[] slope, intercept; // per frame
    final double[] pixelSpacing;     // row spacing (between rows), column spacing; null when absent
    final double[] orientation;      // 6 direction cosines (row direction, column direction); null when absent
    final double[][] positions;      // per frame, LPS; null when absent
    final double spacingBetweenSlices, sliceThickness; // 0 when absent
    final Integer instanceNumber;
    final String seriesUid;
    final List<String> notes = new java.util.ArrayList<>();
    private final DicomDataset.Element pixels;
    private final byte[] bytes;

    DicomInstance(Path file, byte[] bytes) throws DataException {
        this.file = file;
        this.bytes = bytes;
        DicomParser.Parsed p = DicomParser.parse(file, bytes);
        this.transferSyntax = p.transferSyntax();
        this.data = p.data();
        pixels = data.element(DicomParser.PIXEL_DATA);
        if (pixels == null) {
            throw new DataException(file, "has no pixel data (7FE0,0010); not an image"
                + (data.string(MODALITY) != null ? " (modality " + data.string(MODALITY) + ")" : ""));
        }
        rows = data.uint16(ROWS, 0);
        columns = data.uint16(COLUMNS, 0);
        if (rows < 1 || columns < 1) {
            throw new DataException(file, "Rows/Columns are missing or zero (" + rows + "×" + columns + ")");
        }
        double f = data.number(FRAMES, 1);
        if (f < 1 || f > Integer.MAX_VALUE || f != Math.rint(f)) {
            throw new DataException(file, "NumberOfFrames " + data.string(FRAMES) + " is not a positive integer");
        }
        frames = (int) f;
        int samples = data.uint16(SAMPLES, 1);
        if (samples != 1) {
            throw new DataException(file, "has " + samples + " samples per pixel (" + data.string(PHOTOMETRIC)
                + "); only gray DICOM is read");
        }
        bitsAllocated = data.uint16(BITS_ALLOCATED, 0);
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new DataException(file, "BitsAllocated " + bitsAllocated + " is not supported (1, 8, 16 or 32)");
        }
        bitsStored = data.uint16(BITS_STORED, bitsAllocated);
        highBit = data.uint16(HIGH_BIT, bitsStored - 1);
        if (bitsStored < 1 || bitsStored > bitsAllocated || highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw new DataException(file, "BitsStored " + bitsStored + " / HighBit " + highBit
                + " do not fit BitsAllocated " + bitsAllocated);
        }
        signed = data.uint16(PIXEL_REPRESENTATION, 0) == 1;
        // Checked before anyone allocates voxels for the header's dimensions.
        long n = (long) rows * columns;
        long needed = bitsAllocated == 1 ? (n * frames + 7) / 8 : n * frames * (bitsAllocated / 8);
        if (pixels.length() < needed) {
            throw new DataException(file, "pixel data are truncated: " + pixels.length() + " bytes for "
                + frames + " frame(s) of " + columns + "×" + rows + " at " + bitsAllocated + " bits, which need " + needed);
        }
        instanceNumber = data.numbers(INSTANCE_NUMBER) == null ? null : (int) data.number(INSTANCE_NUMBER, 0);
        seriesUid = data.string(SERIES_UID);

        // Geometry and rescale: the top level, else the shared functional groups, else frame 1's.
        DicomDataset shared = data.firstItem(SHARED_GROUPS);
        List<DicomDataset> perFrame = data.items(PER_FRAME_GROUPS);
        if (!perFrame.isEmpty() && perFrame.size() != frames) {
            notes.add("per-frame functional groups list " + perFrame.size() + " frames but the file holds "
                + frames + "; the first " + Math.min(frames, perFrame.size()) + " are used");
        }
        pixelSpacing = vector(PIXEL_SPACING, 2, PIXEL_MEASURES, shared, perFrame);
        orientation = vector(ORIENTATION, 6, PLANE_ORIENTATION, shared, perFrame);
        double[] between = vector(SPACING_BETWEEN, 1, PIXEL_MEASURES, shared, perFrame);
        double[] thick = vector(SLICE_THICKNESS, 1, PIXEL_MEASURES, shared, perFrame);
        spacingBetweenSlices = between == null ? 0 : Math.abs(between[0]);
        sliceThickness = thick == null ? 0 : Math.abs(thick[0]);
        double[] top = data.numbers(POSITION);
        double[][] pos = null;
        if (top != null && top.length >= 3 && frames == 1) {
            pos = new double[][] {top};
        } else if (perFrame.size() >= frames) {
            pos = new double[frames][];
            for (int i = 0; i < frames; i++) {
                DicomDataset g = perFrame.get(i).firstItem(PLANE_POSITION);
                double[] v = g == null ? null : g.numbers(POSITION);
                if (v == null || v.length < 3) {
                    pos = null;
                    break;
                }
                pos[i] = v;
            }
        } else if (top != null && top.length >= 3) {
            pos = new double[][] {top}; // a classic multi-frame: the first frame's position only
        }
        positions = pos;
        slope = new double[frames];
        intercept = new double[frames];
        for (int i = 0; i < frames; i++) {
            DicomDataset src = data;
            if (!data.has(SLOPE)) {
                DicomDataset own = i < perFrame.size() ? perFrame.get(i).firstItem(VALUE_TRANSFORM) : null;
                DicomDataset sh = shared == null ? null : shared.firstItem(VALUE_TRANSFORM);
                src = own != null ? own : sh != null ? sh : data;
            }
            slope[i] = src.number(SLOPE, 1);
            intercept[i] = src.number(INTERCEPT, 0);
        }
    }

    /** A numeric vector from the top level, the shared groups' macro, or frame 1's; null if absent or short. */
    private double[] vector(int tag, int n, int macro, DicomDataset shared, List<DicomDataset> perFrame) {
        double[] v = data.numbers(tag);
        if (v == null && shared != null && shared.firstItem(macro) != null) {
            v = shared.firstItem(macro).numbers(tag);
        }
        if (v == null && !perFrame.isEmpty() && perFrame.get(0).firstItem(macro) != null) {
            v = perFrame.get(0).firstItem(macro).numbers(tag);
        }
        return v == null || v.length < n ? null : v;
    }

    /** The file's storage type (before rescale). */
    DataType storedType() {
        return switch (bitsAllocated) {
            case 1 -> DataType.UINT8;
            case 8 -> signed ? DataType.INT8 : DataType.UINT8;
            case 16 -> signed ? DataType.INT16 : DataType.UINT16;
            default -> signed ? DataType.INT32 : DataType.UINT32;
        };
    }

    long pixelsPerFrame() {
        return (long) rows * columns;
    }

    /**
     * Decodes frame {@code f} (rescaled) into {@code out} at {@code offset}: x = column, y = row.
     * Bits above HighBit are masked off and signed values sign-extended from BitsStored.
     */
    void decodeFrame(int f, float[] out, int offset) {
        long n = pixelsPerFrame();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(
            transferSyntax.equals(DicomParser.EXPLICIT_BE) ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
        int base = pixels.offset();
        double s = slope[f], c = intercept[f];
        boolean identity = s == 1 && c == 0;
        int shift = highBit + 1 - bitsStored;
        long mask = bitsStored >= 32 ? 0xFFFFFFFFL : (1L << bitsStored) - 1;
        long signBit = 1L << (bitsStored - 1);
        for (int i = 0; i < n; i++) {
            long k = f * n + i;
            long raw;
            switch (bitsAllocated) {
                case 1 -> raw = (bytes[base + (int) (k >>> 3)] >>> (int) (k & 7)) & 1; // DICOM packs bits LSB first
                case 8 -> raw = bytes[base + (int) k] & 0xFF;
                case 16 -> raw = b.getShort(base + (int) (k * 2)) & 0xFFFF;
                default -> raw = b.getInt(base + (int) (k * 4)) & 0xFFFFFFFFL;
            }
            if (bitsAllocated > 1) {
                raw = (raw >>> shift) & mask;
                if (signed && (raw & signBit) != 0) {
                    raw -= (mask + 1);
                }
            }
            out[offset + i] = identity ? raw : (float) (raw * s + c);
        }
    }

    /** Header fields for {@code segforge info}: no patient name, ID or birth date. */
    Map<String, Object> header() {
        Map<String, Object> h = new LinkedHashMap<>();
        put(h, "Modality", data.string(MODALITY));
        put(h, "SOPClassUID", data.string(SOP_CLASS));
        put(h, "SeriesDescription", data.string(SERIES_DESCRIPTION));
        h.put("TransferSyntax", transferSyntax + " (" + DicomParser.syntaxName(transferSyntax) + ")");
        h.put("Rows", rows);
        h.put("Columns", columns);
        h.put("NumberOfFrames", frames);
        h.put("BitsAllocated", bitsAllocated);
        h.put("BitsStored", bitsStored);
        h.put("PixelRepresentation", signed ? "signed" : "unsigned");
        put(h, "PhotometricInterpretation", data.string(PHOTOMETRIC));
        h.put("PixelSpacing", pixelSpacing == null ? "absent (1 mm assumed)" : pixelSpacing[0] + "\\" + pixelSpacing[1]);
        put(h, "SliceThickness", sliceThickness > 0 ? sliceThickness : null);
        put(h, "SpacingBetweenSlices", spacingBetweenSlices > 0 ? spacingBetweenSlices : null);
        h.put("RescaleSlope", slope[0]);
        h.put("RescaleIntercept", intercept[0]);
        put(h, "PatientPosition", data.string(PATIENT_POSITION));
        put(h, "ImageOrientationPatient", orientation == null ? null : join(orientation));
        put(h, "ImagePositionPatient", positions == null ? null : join(positions[0]));
        put(h, "InstanceNumber", instanceNumber);
        return h;
    }

    private static void put(Map<String, Object> h, String k, Object v) {
        if (v != null && !"".equals(v)) {
            h.put(k, v);
        }
    }

    static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : "\\").append(d);
        }
        return sb.toString();
    }
}
