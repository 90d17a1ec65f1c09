package org.segforge.core.io.metaimage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import org.segforge.core.DataException;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.ImageReader;
import org.segforge.core.io.ImageWriter;
import org.segforge.core.io.LoadedImage;
import org.segforge.core.io.ReadLimits;

/**
 * MetaImage (ITK's {@code .mhd} header with a separate data file, or {@code .mha} with the data
 * after the header): NDims 2–4, the MET_* element types, spacing, offset, direction, either byte
 * order, zlib compression, and several channels per voxel (which become the volume's fourth
 * dimension).
 *
 * <p>MetaImage geometry is in ITK's LPS world; the volume's affine is RAS like NIfTI's, so the
 * first two world rows are negated (as ITK does when it writes a NIfTI). The header's
 * {@code TransformMatrix} lists, axis after axis, the direction cosines of each voxel axis (ITK's
 * MetaImageIO reads row {@code i} of it as the direction of axis {@code i}).
 */
public final class MetaImageFormat implements ImageReader, ImageWriter {
    /** How much of a file may be header: real headers are a few hundred bytes. */
    private static final int MAX_HEADER_BYTES = 1 << 16;

    @Override
    public String name() {
        return "MetaImage";
    }

    @Override
    public boolean accepts(Path file) {
        String n = ImageFiles.lowerName(file);
        return n.endsWith(".mhd") || n.endsWith(".mha");
    }

    // ------------------------------------------------------------------ reading

    @Override
    public LoadedImage read(Path file) throws DataException {
        try {
            return readChecked(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file, "no such file: " + e.getFile());
        } catch (IOException e) {
            throw new DataException(file, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // A header this reader did not foresee must still end in a message naming the file.
            throw new DataException(file, "unreadable MetaImage header or data (" + e + ")", e);
        }
    }

    private LoadedImage readChecked(Path file) throws IOException, DataException {
        MetaHeader h = MetaHeader.parse(file);
        int nd = h.intField("NDims", 0);
        if (nd < 2 || nd > 4) {
            throw new DataException(file, "NDims = " + nd + "; SegForge reads 2, 3 or 4 dimensions");
        }
        long[] dims = h.longs("DimSize", nd, null);
        if (dims == null) {
            throw new DataException(file, "no DimSize");
        }
        int channels = h.intField("ElementNumberOfChannels", 1);
        if (channels < 1) {
            throw new DataException(file, "ElementNumberOfChannels = " + channels + " is not positive");
        }
        long nx = dims[0], ny = dims[1], nz = nd > 2 ? dims[2] : 1, nt = nd > 3 ? dims[3] : 1;
        if (channels > 1 && nt > 1) {
            throw new DataException(file, "a 4D image with " + channels + " channels per voxel is not supported");
        }
        if (channels > 1) {
            nt = channels;
        }
        long voxels = ReadLimits.checkVoxels(file, nx, ny, nz, nt);
        String typeName = h.get("ElementType");
        if (typeName == null) {
            throw new DataException(file, "no ElementType");
        }
        MetaElementType et = MetaElementType.parse(typeName);
        if (et == null) {
            throw new DataException(file, "ElementType " + typeName + " is not supported");
        }
        DataType type = et.type;
        if (voxels * type.bytes() > Integer.MAX_VALUE - 8) {
            throw new DataException(file, "image data over 2 GiB is not supported");
        }
        if (h.bool("BinaryData", true) == false) {
            throw new DataException(file, "ASCII data (BinaryData = False) is not supported");
        }
        boolean msb = h.bool("BinaryDataByteOrderMSB", h.bool("ElementByteOrderMSB", false));
        boolean compressed = h.bool("CompressedData", false);

        double[] spacing = h.doubles("ElementSpacing", nd, null);
        if (spacing == null) {
            spacing = h.doubles("ElementSize", nd, filled(nd, 1));
        }
        for (double s : spacing) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new DataException(file, "ElementSpacing must be positive and finite, got " + h.get("ElementSpacing"));
            }
        }
        double[] offset = h.firstDoubles(nd, new double[nd], "Offset", "Position", "Origin");
        double[] matrix = h.firstDoubles(nd * nd, identity(nd), "TransformMatrix", "Rotation", "Orientation");
        Affine affine = toRasAffine(file, nd, spacing, offset, matrix);

        byte[] bytes = readData(file, h, (int) (voxels * type.bytes()), compressed);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(msb ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] data = decode(buf, type, (int) nx * (int) ny * (int) nz, (int) nt, channels);
        Volume v = new Volume((int) nx, (int) ny, (int) nz, (int) nt, data, affine);
        return new LoadedImage(file, name(), type, v, new LinkedHashMap<>(h.fields()));
    }

    /** Samples are stored channel-interleaved (all channels of voxel 0, then voxel 1…); a volume keeps each channel as one frame. */
    private static float[] decode(ByteBuffer buf, DataType type, int frame, int nt, int channels) {
        float[] out = new float[frame * nt];
        if (channels == 1) {
            int chunk = 1 << 16;
            IntStream.range(0, (out.length + chunk - 1) / chunk).parallel().forEach(c -> {
                int end = Math.min(out.length, (c + 1) * chunk);
                for (int i = c * chunk; i < end; i++) {
                    out[i] = Samples.get(buf, type, i);
                }
            });
        } else {
            for (int v = 0; v < frame; v++) {
                for (int c = 0; c < channels; c++) {
                    out[v + frame * c] = Samples.get(buf, type, v * channels + c);
                }
            }
        }
        return out;
    }

    private static byte[] readData(Path file, MetaHeader h, int expected, boolean compressed) throws IOException, DataException {
        String ref = h.get("ElementDataFile");
        Path dataFile;
        long start;
        if (ref.equalsIgnoreCase("LOCAL")) {
            dataFile = file;
            start = h.dataOffset();
        } else {
            if (ref.toUpperCase(Locale.ROOT).startsWith("LIST") || ref.contains("%")) {
                throw new DataException(file, "ElementDataFile '" + ref + "' (a list of slice files) is not supported");
            }
            Path parent = file.toAbsolutePath().getParent();
            dataFile = parent.resolve(ref);
            if (!Files.isRegularFile(dataFile)) {
                throw new DataException(file, "data file " + dataFile + " (ElementDataFile) does not exist");
            }
            start = 0;
        }
        long headerSize = h.intField("HeaderSize", 0);
        try (FileChannel ch = FileChannel.open(dataFile, StandardOpenOption.READ)) {
            long size = ch.size();
            if (compressed) {
                long available = size - start - Math.max(0, headerSize);
                long declared = h.longField("CompressedDataSize", available);
                if (declared < 0 || declared > available || declared > Integer.MAX_VALUE - 8) {
                    throw new DataException(file, "CompressedDataSize " + declared + " but only " + available + " bytes of data are present");
                }
                // zlib cannot compress more than about 1032:1, so a short stream cannot fill a huge image:
                // refuse before allocating what the header asks for
                if (expected > declared * 1100 + 4096) {
                    throw new DataException(file, declared + " bytes of compressed data cannot hold the " + expected
                        + " bytes that DimSize and ElementType ask for (truncated, or a corrupt header)");
                }
                byte[] packed = readFully(ch, start + Math.max(0, headerSize), (int) declared, file);
                return inflate(file, packed, expected);
            }
            if (headerSize == -1) {
                start = size - expected; // MetaIO: the data are the last bytes of the file
            } else if (headerSize < -1) {
                throw new DataException(file, "HeaderSize " + headerSize + " is negative");
            } else {
                start += headerSize;
            }
            if (start < 0 || size - start < expected) {
                throw new DataException(file, "data are truncated: expected " + expected + " bytes in "
                    + dataFile.getFileName() + " after byte " + Math.max(0, start) + ", found " + Math.max(0, size - Math.max(0, start)));
            }
            return readFully(ch, start, expected, file);
        }
    }

    private static byte[] readFully(FileChannel ch, long position, int n, Path file) throws IOException, DataException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            int r = ch.read(b, position + b.position());
            if (r < 0) {
                throw new DataException(file, "data are truncated after " + b.position() + " of " + n + " bytes");
            }
        }
        return b.array();
    }

    private static byte[] inflate(Path file, byte[] packed, int expected) throws DataException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(packed);
            byte[] out = new byte[expected];
            int n = 0;
            while (n < expected) {
                int r = inf.inflate(out, n, expected - n);
                if (r == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) {
                    throw new DataException(file, "compressed data end after " + n + " of " + expected + " bytes");
                }
                n += r;
            }
            return out;
        } catch (DataFormatException e) {
            throw new DataException(file, "compressed data are corrupt: " + e.getMessage());
        } finally {
            inf.end();
        }
    }

    /** RAS affine from MetaImage (LPS) spacing, offset and direction. */
    private static Affine toRasAffine(Path file, int nd, double[] spacing, double[] offset, double[] matrix) throws DataException {
        double[] a = new double[16];
        int n3 = Math.min(3, nd);
        for (int axis = 0; axis < 3; axis++) {
            for (int r = 0; r < 3; r++) {
                double dir;
                if (axis < n3 && r < n3) {
                    dir = matrix[axis * nd + r];
                } else {
                    dir = axis == r ? 1 : 0; // a 2D image gets a unit z axis
                }
                double s = axis < n3 ? spacing[axis] : 1;
                a[r * 4 + axis] = (r < 2 ? -1 : 1) * dir * s;
            }
        }
        for (int r = 0; r < 3; r++) {
            a[r * 4 + 3] = r < n3 ? (r < 2 ? -1 : 1) * offset[r] : 0;
        }
        a[15] = 1;
        for (int i = 0; i < 16; i++) {
            a[i] += 0.0; // −0 → 0, so that equal geometries compare equal
        }
        try {
            Affine affine = Affine.of(a);
            affine.inverse(); // a singular direction matrix is a corrupt header
            return affine;
        } catch (IllegalArgumentException e) {
            throw new DataException(file, "TransformMatrix/ElementSpacing give no valid geometry: " + e.getMessage());
        }
    }

    private static double[] filled(int n, double v) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, v);
        return d;
    }

    private static double[] identity(int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1;
        }
        return d;
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void write(Volume volume, Path file, DataType type) throws DataException {
        write(volume, file, type, false);
    }

    /**
     * Writes {@code .mha} (one file) or {@code .mhd} with its data in a {@code .raw} ({@code .zraw}
     * when compressed) beside it. The data file is written first, then the header, each atomically,
     * so a header never points at missing data. {@code type} null picks the smallest exact type.
     */
    public void write(Volume volume, Path file, DataType type, boolean compress) throws DataException {
        if (!accepts(file)) {
            throw new DataException(file, "a MetaImage file name ends with .mhd or .mha");
        }
        float[] data = volume.data();
        DataType t = type != null ? type : Samples.smallestType(data);
        Samples.checkFits(file, data, t);
        byte[] payload = encode(volume, t);
        if (compress) {
            payload = deflate(payload);
        }
        boolean local = ImageFiles.lowerName(file).endsWith(".mha");
        String base = file.getFileName().toString();
        String dataName = base.substring(0, base.length() - 4) + (compress ? ".zraw" : ".raw");
        String header = headerText(volume, t, compress, payload.length, local ? "LOCAL" : dataName);
        byte[] bytes = payload;
        if (local) {
            AtomicFiles.write(file, out -> {
                out.write(header.getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
            });
        } else {
            Path dataFile = file.toAbsolutePath().resolveSibling(dataName);
            AtomicFiles.write(dataFile, out -> out.write(bytes));
            AtomicFiles.writeString(file, header);
        }
    }

    private static byte[] encode(Volume v, DataType t) {
        float[] data = v.data();
        ByteBuffer b = Samples.allocate((long) data.length * t.bytes(), ByteOrder.LITTLE_ENDIAN);
        int chunk = 1 << 16;
        IntStream.range(0, (data.length + chunk - 1) / chunk).parallel().forEach(c -> {
            int end = Math.min(data.length, (c + 1) * chunk);
            for (int i = c * chunk; i < end; i++) {
                Samples.put(b, t, i, data[i]);
            }
        });
        return b.array();
    }

    private static byte[] deflate(byte[] raw) throws DataException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(raw.length / 2 + 64);
        try (DeflaterOutputStream z = new DeflaterOutputStream(bos, new Deflater(Deflater.DEFAULT_COMPRESSION), 1 << 16)) {
            z.write(raw);
        } catch (IOException e) {
            throw new DataException("cannot compress image data: " + e.getMessage());
        }
        return bos.toByteArray();
    }

    private static String headerText(Volume v, DataType t, boolean compressed, long payloadBytes, String dataFile) {
        int nd = v.nt() > 1 ? 4 : 3;
        Affine a = v.affine();
        double[] sp = a.spacing();
        StringBuilder matrix = new StringBuilder();
        for (int axis = 0; axis < nd; axis++) {
            for (int r = 0; r < nd; r++) {
                double d;
                if (axis < 3 && r < 3) {
                    d = (r < 2 ? -1 : 1) * a.get(r, axis) / sp[axis];
                } else {
                    d = axis == r ? 1 : 0;
                }
                matrix.append(axis + r == 0 ? "" : " ").append(num(d));
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("ObjectType = Image\n");
        s.append("NDims = ").append(nd).append('\n');
        s.append("BinaryData = True\n");
        s.append("BinaryDataByteOrderMSB = False\n");
        s.append("CompressedData = ").append(compressed ? "True" : "False").append('\n');
        if (compressed) {
            s.append("CompressedDataSize = ").append(payloadBytes).append('\n');
        }
        s.append("TransformMatrix = ").append(matrix).append('\n');
        s.append("Offset = ").append(num(-a.get(0, 3))).append(' ').append(num(-a.get(1, 3))).append(' ').append(num(a.get(2, 3)));
        s.append(nd == 4 ? " 0\n" : "\n");
        s.append("ElementSpacing = ").append(num(sp[0])).append(' ').append(num(sp[1])).append(' ').append(num(sp[2]));
        s.append(nd == 4 ? " 1\n" : "\n");
        s.append("DimSize = ").append(v.nx()).append(' ').append(v.ny()).append(' ').append(v.nz());
        s.append(nd == 4 ? " " + v.nt() + "\n" : "\n");
        s.append("ElementType = ").append(MetaElementType.forType(t).name()).append('\n');
        s.append("ElementDataFile = ").append(dataFile).append('\n');
        return s.toString();
    }

    /** Shortest text that parses back to the same double (0 for −0). */
    private static String num(double d) {
        if (d == 0) {
            return "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    // ------------------------------------------------------------------ header

    /** The "Key = Value" lines up to and including ElementDataFile, in file order. */
    private static final class MetaHeader {
        private final Path file;
        private final Map<String, String> fields; // original keys, in order
        private final Map<String, String> lower = new LinkedHashMap<>();
        private final long dataOffset;

        private MetaHeader(Path file, Map<String, String> fields, long dataOffset) {
            this.file = file;
            this.fields = fields;
            this.dataOffset = dataOffset;
            fields.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        }

        static MetaHeader parse(Path file) throws IOException, DataException {
            byte[] head;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                int n = (int) Math.min(ch.size(), MAX_HEADER_BYTES);
                ByteBuffer b = ByteBuffer.allocate(n);
                while (b.hasRemaining() && ch.read(b) >= 0) {
                    // read up to n bytes
                }
                head = java.util.Arrays.copyOf(b.array(), b.position());
            }
            Map<String, String> fields = new LinkedHashMap<>();
            int pos = 0, lineNo = 0;
            while (pos < head.length) {
                int end = pos;
                while (end < head.length && head[end] != '\n') {
                    end++;
                }
                if (end == head.length && head.length == MAX_HEADER_BYTES) {
                    break; // the header does not end within the limit
                }
                lineNo++;
                String line = new String(head, pos, end - pos, StandardCharsets.ISO_8859_1).strip();
                pos = Math.min(head.length, end + 1);
                if (line.isEmpty()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new DataException(file, "header line " + lineNo + " is not 'Key = Value': " + clip(line));
                }
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (c < 32 && c != '\t') {
                        throw new DataException(file, "header line " + lineNo + " has binary characters; not a MetaImage header");
                    }
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                fields.put(key, value);
                if (key.equalsIgnoreCase("ElementDataFile")) {
                    if (value.isEmpty()) {
                        throw new DataException(file, "ElementDataFile is empty");
                    }
                    return new MetaHeader(file, fields, pos);
                }
            }
            throw new DataException(file, "no ElementDataFile line in the header (not a MetaImage file, or truncated)");
        }

        private static String clip(String s) {
            return s.length() > 60 ? s.substring(0, 60) + "…" : s;
        }

        Map<String, String> fields() {
            return fields;
        }

        long dataOffset() {
            return dataOffset;
        }

        String get(String key) {
            return lower.get(key.toLowerCase(Locale.ROOT));
        }

        boolean bool(String key, boolean dflt) throws DataException {
            String v = get(key);
            if (v == null) {
                return dflt;
            }
            if (v.equalsIgnoreCase("true") || v.equals("1")) {
                return true;
            }
            if (v.equalsIgnoreCase("false") || v.equals("0")) {
                return false;
            }
            throw new DataException(file, key + " = " + clip(v) + " is neither True nor False");
        }

        long longField(String key, long dflt) throws DataException {
            String v = get(key);
            if (v == null) {
                return dflt;
            }
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                throw new DataException(file, key + " = " + clip(v) + " is not an integer");
            }
        }

        int intField(String key, int dflt) throws DataException {
            long v = longField(key, dflt);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new DataException(file, key + " = " + v + " is out of range");
            }
            return (int) v;
        }

        long[] longs(String key, int n, long[] dflt) throws DataException {
            double[] d = doubles(key, n, null);
            if (d == null) {
                return dflt;
            }
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > 1e15) {
                    throw new DataException(file, key + " = " + clip(get(key)) + " must hold integers");
                }
                out[i] = (long) d[i];
            }
            return out;
        }

        double[] doubles(String key, int n, double[] dflt) throws DataException {
            String v = get(key);
            if (v == null) {
                return dflt;
            }
            String[] parts = v.strip().split("\\s+");
            if (parts.length < n) {
                throw new DataException(file, key + " = " + clip(v) + " needs " + n + " numbers");
            }
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                try {
                    out[i] = Double.parseDouble(parts[i]);
                } catch (NumberFormatException e) {
                    throw new DataException(file, key + " = " + clip(v) + " has a value that is not a number");
                }
                if (!Double.isFinite(out[i])) {
                    throw new DataException(file, key + " = " + clip(v) + " has a value that is not finite");
                }
            }
            return out;
        }

        double[] firstDoubles(int n, double[] dflt, String... keys) throws DataException {
            for (String k : keys) {
                if (get(k) != null) {
                    return doubles(k, n, dflt);
                }
            }
            return dflt;
        }
    }
}
