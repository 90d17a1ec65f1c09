package org.segforge.core.io.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.segforge.core.DataException;

/**
 * Splits a DICOM file into its elements for the uncompressed transfer syntaxes (implicit VR
 * little endian, explicit VR little and big endian), including nested sequences, without
 * decoding values. Every length is checked against the bytes that remain, so a truncated or
 * corrupt file ends in a {@link DataException} naming it.
 */
final class DicomParser {
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final int PIXEL_DATA = DicomDataset.tag(0x7FE0, 0x0010);
    private static final int ITEM = DicomDataset.tag(0xFFFE, 0xE000);
    private static final int ITEM_END = DicomDataset.tag(0xFFFE, 0xE00D);
    private static final int SEQUENCE_END = DicomDataset.tag(0xFFFE, 0xE0DD);
    private static final int UNDEFINED = 0xFFFFFFFF;
    private static final int MAX_DEPTH = 16;

    /** Explicit VRs whose length field is 4 bytes after 2 reserved ones. */
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    /** Sequences SegForge looks into; in implicit VR only a dictionary tells a sequence apart. */
    private static final Set<Integer> KNOWN_SEQUENCES = Set.of(
        DicomDataset.tag(0x5200, 0x9229), DicomDataset.tag(0x5200, 0x9230), DicomDataset.tag(0x0028, 0x9110),
        DicomDataset.tag(0x0020, 0x9113), DicomDataset.tag(0x0020, 0x9116), DicomDataset.tag(0x0028, 0x9145),
        DicomDataset.tag(0x0062, 0x000A), DicomDataset.tag(0x0062, 0x0002), DicomDataset.tag(0x0020, 0x9111));

    /** Names of the transfer syntaxes a user is likely to meet, for error messages. */
    private static final Map<String, String> SYNTAX_NAMES = Map.ofEntries(
        Map.entry(IMPLICIT_LE, "Implicit VR Little Endian"),
        Map.entry(EXPLICIT_LE, "Explicit VR Little Endian"),
        Map.entry(EXPLICIT_BE, "Explicit VR Big Endian"),
        Map.entry("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
        Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline"),
        Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended"),
        Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless"),
        Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1"),
        Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
        Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
        Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"),
        Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
        Map.entry("1.2.840.10008.1.2.4.201", "HTJ2K Lossless"),
        Map.entry("1.2.840.10008.1.2.4.203", "HTJ2K"),
        Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"));

    /** The parsed file: its meta group, its data set, and the transfer syntax. */
    record Parsed(DicomDataset meta, DicomDataset data, String transferSyntax) {}

    private final Path file;
    private final ByteBuffer buf;

    private DicomParser(Path file, byte[] bytes) {
        this.file = file;
        this.buf = ByteBuffer.wrap(bytes);
    }

    static String syntaxName(String uid) {
        return SYNTAX_NAMES.getOrDefault(uid, "unknown");
    }

    /** True when the bytes carry the "DICM" magic after the 128-byte preamble. */
    static boolean hasMagic(byte[] head) {
        return head.length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    }

    static Parsed parse(Path file, byte[] bytes) throws DataException {
        return new DicomParser(file, bytes).parse();
    }

    private Parsed parse() throws DataException {
        int pos = hasMagic(buf.array()) ? 132 : 0;
        ByteBuffer le = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        DicomDataset meta = new DicomDataset(le);
        // The file meta group (0002) is always explicit VR little endian.
        while (pos + 8 <= le.limit() && (le.getShort(pos) & 0xFFFF) == 0x0002) {
            pos = element(le, pos, le.limit(), true, 0, meta);
        }
        String ts = meta.string(DicomDataset.tag(0x0002, 0x0010));
        boolean explicit;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (ts == null) {
            // No meta group (old ACR-NEMA style): guess from whether a VR follows the first tag.
            explicit = pos + 6 <= le.limit() && isVr(le.get(pos + 4), le.get(pos + 5));
            ts = explicit ? EXPLICIT_LE : IMPLICIT_LE;
        } else if (ts.equals(IMPLICIT_LE)) {
            explicit = false;
        } else if (ts.equals(EXPLICIT_LE)) {
            explicit = true;
        } else if (ts.equals(EXPLICIT_BE)) {
            explicit = true;
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new DataException(file, "transfer syntax " + ts + " (" + syntaxName(ts) + ") is compressed or not supported; "
                + "SegForge reads uncompressed DICOM only: decompress first (e.g. gdcmconv --raw or dcmdjpeg)");
        }
        ByteBuffer body = buf.duplicate().order(order);
        DicomDataset data = new DicomDataset(body);
        int end = body.limit();
        while (pos < end) {
            if (end - pos < 8 && allZero(pos, end)) {
                break; // trailing padding
            }
            pos = element(body, pos, end, explicit, 0, data);
        }
        return new Parsed(meta, data, ts);
    }

    private boolean allZero(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVr(byte a, byte b) {
        return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z';
    }

    private static String hex(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    /** Reads one element at {@code pos} into {@code into}; returns the position after it. */
    private int element(ByteBuffer b, int pos, int end, boolean explicit, int depth, DicomDataset into) throws DataException {
        if (end - pos < 8) {
            throw new DataException(file, "truncated: an element header at byte " + pos + " is cut off");
        }
        int tag = ((b.getShort(pos) & 0xFFFF) << 16) | (b.getShort(pos + 2) & 0xFFFF);
        String vr;
        long length;
        int header;
        if (explicit && (tag >>> 16) != 0xFFFE) {
            byte v0 = b.get(pos + 4), v1 = b.get(pos + 5);
            if (!isVr(v0, v1)) {
                throw new DataException(file, "element " + hex(tag) + " at byte " + pos + " has no valid VR; the file is corrupt");
            }
            vr = new String(new byte[] {v0, v1}, StandardCharsets.US_ASCII);
            if (LONG_VRS.contains(vr)) {
                if (end - pos < 12) {
                    throw new DataException(file, "truncated: element " + hex(tag) + " header is cut off");
                }
                length = b.getInt(pos + 8) & 0xFFFFFFFFL;
                header = 12;
            } else {
                length = b.getShort(pos + 6) & 0xFFFF;
                header = 8;
            }
        } else {
            length = b.getInt(pos + 4) & 0xFFFFFFFFL;
            header = 8;
            vr = KNOWN_SEQUENCES.contains(tag) ? "SQ" : "UN";
        }
        int value = pos + header;
        if (length == (UNDEFINED & 0xFFFFFFFFL)) {
            if (tag == PIXEL_DATA) {
                throw new DataException(file, "pixel data are encapsulated (compressed) although the transfer syntax says "
                    + "uncompressed; SegForge reads uncompressed DICOM only");
            }
            // Only sequences may have an undefined length (also UN-coded ones, per PS3.5 6.2.2).
            List<DicomDataset> items = new ArrayList<>();
            int next = sequence(b, value, -1, explicit, depth + 1, items);
            into.put(new DicomDataset.Element(tag, "SQ", value, -1, items));
            return next;
        }
        if (length > end - value) {
            throw new DataException(file, "truncated: element " + hex(tag) + " claims " + length + " bytes but only "
                + Math.max(0, end - value) + " remain");
        }
        int len = (int) length;
        if (vr.equals("SQ")) {
            List<DicomDataset> items = new ArrayList<>();
            sequence(b, value, value + len, explicit, depth + 1, items);
            into.put(new DicomDataset.Element(tag, vr, value, len, items));
        } else {
            into.put(new DicomDataset.Element(tag, vr, value, len, List.of()));
        }
        return value + len;
    }

    /**
     * Reads the items of a sequence from {@code pos}; {@code end} is -1 for an undefined length
     * (ended by a sequence delimiter). Returns the position after the sequence.
     */
    private int sequence(ByteBuffer b, int pos, int end, boolean explicit, int depth, List<DicomDataset> items) throws DataException {
        if (depth > MAX_DEPTH) {
            throw new DataException(file, "sequences nested deeper than " + MAX_DEPTH + "; the file is corrupt");
        }
        int limit = end < 0 ? b.limit() : end;
        while (pos < limit) {
            if (limit - pos < 8) {
                throw new DataException(file, "truncated: a sequence item header at byte " + pos + " is cut off");
            }
            int tag = ((b.getShort(pos) & 0xFFFF) << 16) | (b.getShort(pos + 2) & 0xFFFF);
            long length = b.getInt(pos + 4) & 0xFFFFFFFFL;
            if (tag == SEQUENCE_END) {
                return pos + 8;
            }
            if (tag != ITEM) {
                throw new DataException(file, "expected a sequence item at byte " + pos + " but found " + hex(tag));
            }
            DicomDataset item = new DicomDataset(b);
            int p = pos + 8;
            if (length == (UNDEFINED & 0xFFFFFFFFL)) {
                while (true) {
                    if (limit - p < 8) {
                        throw new DataException(file, "truncated: a sequence item has no end");
                    }
                    int t = ((b.getShort(p) & 0xFFFF) << 16) | (b.getShort(p + 2) & 0xFFFF);
                    if (t == ITEM_END) {
                        p += 8;
                        break;
                    }
                    p = element(b, p, limit, explicit, depth, item);
                }
            } else {
                if (length > limit - p) {
                    throw new DataException(file, "truncated: a sequence item claims " + length + " bytes but only " + (limit - p) + " remain");
                }
                int itemEnd = p + (int) length;
                while (p < itemEnd) {
                    p = element(b, p, itemEnd, explicit, depth, item);
                }
            }
            items.add(item);
            pos = p;
        }
        if (end < 0) {
            throw new DataException(file, "truncated: a sequence has no end");
        }
        return pos;
    }
}
