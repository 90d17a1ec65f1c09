package org.segforge.core.io.dicom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The elements of one DICOM data set (or of one sequence item): for each tag its VR, where its
 * value lies in the file's bytes, and for sequences their items. Values are decoded on demand.
 */
final class DicomDataset {
    /** One element; {@code items} is non-empty only for sequences. */
    record Element(int tag, String vr, int offset, int length, List<DicomDataset> items) {}

    private final ByteBuffer bytes; // the whole file, in the data set's byte order
    private final Map<Integer, Element> elements = new LinkedHashMap<>();

    DicomDataset(ByteBuffer bytes) {
        this.bytes = bytes;
    }

    void put(Element e) {
        elements.put(e.tag(), e);
    }

    Element element(int tag) {
        return elements.get(tag);
    }

    boolean has(int tag) {
        return elements.containsKey(tag);
    }

    static int tag(int group, int element) {
        return (group << 16) | element;
    }

    /** The value as text, trimmed of padding (space and NUL); null when absent. */
    String string(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.length() <= 0) {
            return e == null ? null : "";
        }
        byte[] b = new byte[e.length()];
        bytes.get(e.offset(), b);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) {
            end--;
        }
        int start = 0;
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start, end);
    }

    /** A numeric string value (DS or IS) split at backslashes; null when absent or unparsable. */
    double[] numbers(int tag) {
        String s = string(tag);
        if (s == null || s.isEmpty()) {
            return null;
        }
        String[] parts = s.split("\\\\");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                return null;
            }
            if (!Double.isFinite(out[i])) {
                return null;
            }
        }
        return out;
    }

    /** The first number of a DS/IS value, or {@code dflt}. */
    double number(int tag, double dflt) {
        double[] d = numbers(tag);
        return d == null || d.length == 0 ? dflt : d[0];
    }

    /** An unsigned short (US) value, or {@code dflt} when absent or too short. */
    int uint16(int tag, int dflt) {
        Element e = elements.get(tag);
        if (e == null || e.length() < 2) {
            return dflt;
        }
        return bytes.getShort(e.offset()) & 0xFFFF;
    }

    /** The first item of a sequence, or null. */
    DicomDataset firstItem(int tag) {
        Element e = elements.get(tag);
        return e == null || e.items().isEmpty() ? null : e.items().get(0);
    }

    List<DicomDataset> items(int tag) {
        Element e = elements.get(tag);
        return e == null ? List.of() : e.items();
    }
}
