package org.segforge.core.io.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.DataException;
import org.segforge.core.SharedData;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.metaimage.MetaImageFormat;

/**
 * Seeded mutation fuzzing of the DICOM, PNG/JPEG and MetaImage readers on real files: truncation,
 * flipped and overwritten bytes, inserted bytes, and corrupt header fields (huge or nonsense
 * dimensions, types, lengths). Every read must either succeed or throw a {@link DataException}
 * whose message names the file; any other throwable fails with the case and its mutation.
 */
class FormatsMutationFuzzTest {
    /** Fixed for CI; {@code -Dsegforge.fuzzSeed=N} explores other mutations in a one-off run. */
    private static final long SEED = Long.getLong("segforge.fuzzSeed", 0x5E6F0F2L);

    @TempDir
    Path tmp;

    /** A file to mutate; {@code companion} is a data file that must sit beside it (an .mhd's .raw). */
    private record Seed(String name, byte[] bytes, Kind kind, int cases, String companionName, byte[] companion) {}

    private enum Kind { DICOM, PNG, JPEG, META_TEXT, SERIES }

    private int succeeded, refused, caseNo;

    @Test
    void everyMutatedReadSucceedsOrNamesTheFile() throws Exception {
        List<Seed> seeds = seeds();
        SplittableRandom root = new SplittableRandom(SEED);
        for (Seed s : seeds) {
            SplittableRandom rng = root.split();
            // the unmutated seed must read, or the fuzzing would only test refusals
            runCase(s, s.bytes(), s.companion(), "unmutated", true);
            for (int i = 0; i < s.cases(); i++) {
                byte[] main = s.bytes();
                byte[] companion = s.companion();
                String what;
                if (companion != null && rng.nextInt(3) == 0) {
                    Mutated m = mutate(companion, Kind.DICOM /* binary data: generic mutations */, rng);
                    companion = m.bytes();
                    what = "data file: " + m.what();
                } else {
                    Mutated m = mutate(main, s.kind(), rng);
                    main = m.bytes();
                    what = m.what();
                    if (rng.nextInt(6) == 0) {
                        Mutated m2 = mutate(main, s.kind(), rng);
                        main = m2.bytes();
                        what += " then " + m2.what();
                    }
                }
                runCase(s, main, companion, what, false);
            }
        }
        assertThat(caseNo).isGreaterThanOrEqualTo(700);
        // both outcomes happen: mutations that miss the data-critical bytes, and clean refusals
        assertThat(succeeded).isGreaterThan(50);
        assertThat(refused).isGreaterThan(200);
    }

    private void runCase(Seed s, byte[] main, byte[] companion, String what, boolean mustSucceed) throws Exception {
        int id = caseNo++;
        // one folder per seed, overwritten case after case: the file name (and so the reader) stays
        Path dir = tmp.resolve("seed-" + s.name());
        Path target;
        if (s.kind() == Kind.SERIES) {
            // a series folder holding the committed slices, with one of them replaced by the mutant
            target = dir.resolve("series");
            if (!Files.isDirectory(target)) {
                Files.createDirectories(target);
                Path src = Paths.get(getClass().getResource("/dicom-series/oblique").toURI());
                try (var files = Files.list(src)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, target.resolve(f.getFileName()));
                    }
                }
            }
            Files.write(target.resolve(s.name()), main);
        } else {
            Files.createDirectories(dir);
            target = dir.resolve(s.name());
            Files.write(target, main);
            if (s.companionName() != null) {
                Files.write(dir.resolve(s.companionName()), companion);
            }
        }
        String label = "case " + id + " (" + s.name() + ": " + what + ")";
        try {
            ImageFiles.read(target);
            succeeded++;
        } catch (DataException e) {
            if (mustSucceed) {
                throw new AssertionError(label + " should read", e);
            }
            refused++;
            // The DICOM and MetaImage parsers are ours: each problem must be foreseen, not caught by
            // their last-resort RuntimeException handler. ImageIO's decoders may throw unchecked
            // exceptions of their own (seen: IndexOutOfBoundsException "pos < flushedPos"), which
            // the PNG/JPEG reader rightly turns into a DataException.
            boolean ours = s.kind() != Kind.PNG && s.kind() != Kind.JPEG;
            if (ours && e.getCause() instanceof RuntimeException) {
                throw new AssertionError(label + ": an unforeseen " + e.getCause() + " reached the safety net", e);
            }
            if (e.getMessage() == null || !e.getMessage().contains(target.getFileName().toString())) {
                throw new AssertionError(label + ": message does not name the file: " + e.getMessage(), e);
            }
        } catch (Throwable t) {
            throw new AssertionError(label + ": " + t, t);
        }
    }

    private List<Seed> seeds() throws Exception {
        List<Seed> seeds = new ArrayList<>();
        for (String[] d : new String[][] {{"CT_small.dcm", "80"}, {"MR_small.dcm", "80"}, {"liver_1frame.dcm", "60"},
            {"ser002img00001-16-signed.dcm", "30"}, {"MR-MONO2-8-16x-heart.dcm", "15"}}) {
            seeds.add(new Seed(d[0], Files.readAllBytes(SharedData.file("dicom/" + d[0])), Kind.DICOM, Integer.parseInt(d[1]), null, null));
        }
        Path series = Paths.get(getClass().getResource("/dicom-series/oblique/b.dcm").toURI());
        seeds.add(new Seed("b.dcm", Files.readAllBytes(series), Kind.SERIES, 30, null, null));
        seeds.add(new Seed("microaneurysms.png", Files.readAllBytes(SharedData.file("retina-cells-2d/microaneurysms.png")), Kind.PNG, 70, null, null));
        seeds.add(new Seed("VentricleModel.png", Files.readAllBytes(SharedData.file("brainweb-2d/VentricleModel.png")), Kind.PNG, 60, null, null));
        for (String r : new String[] {"gray16.png", "rgba.png"}) {
            seeds.add(new Seed(r, Files.readAllBytes(Paths.get(getClass().getResource("/png/" + r).toURI())), Kind.PNG, 40, null, null));
        }
        seeds.add(new Seed("small.jpg", smallJpeg(), Kind.JPEG, 60, null, null));
        seeds.add(new Seed("BayesianClassifierInitializerMemberships.mhd",
            Files.readAllBytes(SharedData.file("brainweb-2d/BayesianClassifierInitializerMemberships.mhd")), Kind.META_TEXT, 50,
            "BayesianClassifierInitializerMemberships.raw",
            Files.readAllBytes(SharedData.file("brainweb-2d/BayesianClassifierInitializerMemberships.raw"))));
        seeds.add(new Seed("plain.mha", metaImage(false, DataType.INT16), Kind.META_TEXT, 60, null, null));
        seeds.add(new Seed("packed.mha", metaImage(true, DataType.FLOAT32), Kind.META_TEXT, 60, null, null));
        return seeds;
    }

    /** A real JPEG stream from Java's encoder: the microaneurysms crop as RGB. */
    private static byte[] smallJpeg() throws Exception {
        BufferedImage gray = ImageIO.read(SharedData.file("retina-cells-2d/microaneurysms.png").toFile());
        BufferedImage rgb = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(gray, 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(rgb, "jpg", out);
        return out.toByteArray();
    }

    /** A small CT-like volume written by SegForge's own writer (the seed; mutations make it foreign). */
    private byte[] metaImage(boolean compressed, DataType type) throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        float[] d = new float[20 * 16 * 6];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextInt(2000) - 1000;
        }
        Path f = tmp.resolve("seed" + compressed + ".mha");
        new MetaImageFormat().write(new Volume(20, 16, 6, 1, d, Affine.scaling(0.8, 0.8, 2.5)), f, type, compressed);
        byte[] b = Files.readAllBytes(f);
        Files.delete(f);
        return b;
    }

    // ------------------------------------------------------------------ mutations

    private record Mutated(byte[] bytes, String what) {}

    private static Mutated mutate(byte[] in, Kind kind, SplittableRandom rng) {
        int choice = rng.nextInt(7);
        byte[] b = in.clone();
        switch (choice) {
            case 0: {
                int keep = rng.nextInt(Math.max(1, b.length));
                return new Mutated(java.util.Arrays.copyOf(b, keep), "truncated to " + keep + " bytes");
            }
            case 1: {
                int k = 1 + rng.nextInt(8);
                StringBuilder at = new StringBuilder();
                for (int i = 0; i < k; i++) {
                    int p = rng.nextInt(b.length);
                    b[p] ^= (byte) (1 + rng.nextInt(255));
                    at.append(i == 0 ? "" : ",").append(p);
                }
                return new Mutated(b, "flipped bytes at " + at);
            }
            case 2: {
                int p = rng.nextInt(b.length), len = Math.min(b.length - p, 1 + rng.nextInt(64));
                for (int i = 0; i < len; i++) {
                    b[p + i] = (byte) rng.nextInt(256);
                }
                return new Mutated(b, "overwrote " + len + " bytes at " + p);
            }
            case 3: {
                // headers live at the front: hit them often
                int span = Math.min(b.length, kind == Kind.DICOM || kind == Kind.SERIES ? 1500 : 400);
                int p = rng.nextInt(span);
                b[p] ^= (byte) (1 + rng.nextInt(255));
                return new Mutated(b, "flipped header byte " + p);
            }
            case 4: {
                int p = rng.nextInt(b.length + 1), len = 1 + rng.nextInt(16);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, p);
                for (int i = 0; i < len; i++) {
                    out[p + i] = (byte) rng.nextInt(256);
                }
                System.arraycopy(b, p, out, p + len, b.length - p);
                return new Mutated(out, "inserted " + len + " bytes at " + p);
            }
            default:
                return fieldMutation(b, kind, rng);
        }
    }

    private static final int[] HUGE = {0xFFFF, 0x7FFFFFFF, 0x80000000, 0, 1, 0x10000, 46341};

    /** Corrupts a field that says how big, how many or which type. */
    private static Mutated fieldMutation(byte[] b, Kind kind, SplittableRandom rng) {
        switch (kind) {
            case DICOM, SERIES -> {
                // (group, element) in little endian; Rows, Columns, BitsAllocated, BitsStored, HighBit, PixelData, NumberOfFrames
                int[][] tags = {{0x28, 0x10}, {0x28, 0x11}, {0x28, 0x100}, {0x28, 0x101}, {0x28, 0x102}, {0x7FE0, 0x10}, {0x28, 0x08}, {0x20, 0x32}};
                int[] t = tags[rng.nextInt(tags.length)];
                int at = find(b, new byte[] {(byte) t[0], (byte) (t[0] >> 8), (byte) t[1], (byte) (t[1] >> 8)});
                if (at < 0 || at + 12 > b.length) {
                    return new Mutated(b, "field " + Integer.toHexString(t[0]) + "," + Integer.toHexString(t[1]) + " absent: unchanged");
                }
                int v = HUGE[rng.nextInt(HUGE.length)];
                if (rng.nextBoolean()) {
                    // the value (after an explicit short header of tag, VR, 2-byte length)
                    b[at + 8] = (byte) v;
                    b[at + 9] = (byte) (v >> 8);
                    return new Mutated(b, "value of (" + Integer.toHexString(t[0]) + "," + Integer.toHexString(t[1]) + ") set to " + (v & 0xFFFF));
                }
                // the length field
                b[at + 6] = (byte) v;
                b[at + 7] = (byte) (v >> 8);
                return new Mutated(b, "length of (" + Integer.toHexString(t[0]) + "," + Integer.toHexString(t[1]) + ") set to " + (v & 0xFFFF));
            }
            case PNG -> {
                // IHDR: width at 16, height at 20 (big endian), bit depth 24, colour type 25
                int field = rng.nextInt(4);
                if (b.length < 26) {
                    return new Mutated(b, "too short for IHDR: unchanged");
                }
                if (field < 2) {
                    int v = HUGE[rng.nextInt(HUGE.length)], p = 16 + 4 * field;
                    b[p] = (byte) (v >>> 24);
                    b[p + 1] = (byte) (v >>> 16);
                    b[p + 2] = (byte) (v >>> 8);
                    b[p + 3] = (byte) v;
                    return new Mutated(b, (field == 0 ? "width" : "height") + " set to " + Integer.toUnsignedString(v));
                }
                int v = rng.nextInt(256);
                b[24 + field - 2] = (byte) v;
                return new Mutated(b, (field == 2 ? "bit depth" : "colour type") + " set to " + v);
            }
            case JPEG -> {
                int at = find(b, new byte[] {(byte) 0xFF, (byte) 0xC0});
                if (at < 0 || at + 9 > b.length) {
                    return new Mutated(b, "no SOF0: unchanged");
                }
                int v = HUGE[rng.nextInt(HUGE.length)];
                int p = at + 5 + 2 * rng.nextInt(2); // height, then width
                b[p] = (byte) (v >> 8);
                b[p + 1] = (byte) v;
                return new Mutated(b, "SOF0 dimension at " + p + " set to " + (v & 0xFFFF));
            }
            default -> {
                return textFieldMutation(b, rng);
            }
        }
    }

    private static final String[] BAD_VALUES = {"-1", "0", "99999999", "100000 100000 100000", "1e308", "NaN", "abc", "",
        "2 2 2 2 2 2", "MET_FOO", "True", "LOCAL", "LIST", "missing.raw", "9", "0 0 0", "-2.5 1 1", "1 2"};

    /** For a MetaImage header: replace a value, drop a line, or repeat a line with a bad value. */
    private static Mutated textFieldMutation(byte[] b, SplittableRandom rng) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int end = s.indexOf("ElementDataFile");
        if (end < 0) {
            return new Mutated(b, "no header: unchanged");
        }
        int headerEnd = s.indexOf('\n', end);
        headerEnd = headerEnd < 0 ? s.length() : headerEnd + 1;
        String header = s.substring(0, headerEnd), rest = s.substring(headerEnd);
        String[] lines = header.split("\n", -1);
        int li = rng.nextInt(Math.max(1, lines.length - 1));
        String line = lines[li];
        int eq = line.indexOf('=');
        String what;
        int op = rng.nextInt(3);
        String bad = BAD_VALUES[rng.nextInt(BAD_VALUES.length)];
        if (op == 0 && eq > 0) {
            lines[li] = line.substring(0, eq + 1) + " " + bad;
            what = "field '" + line.substring(0, eq).trim() + "' set to '" + bad + "'";
        } else if (op == 1) {
            lines[li] = "";
            what = "line '" + line + "' removed";
        } else {
            String key = line.substring(0, Math.max(0, eq)).trim();
            lines[li] = line + "\n" + key + " = " + bad;
            what = "field '" + key + "' repeated as '" + bad + "'";
        }
        String out = String.join("\n", lines) + rest;
        return new Mutated(out.getBytes(StandardCharsets.ISO_8859_1), what);
    }

    private static int find(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= b.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
