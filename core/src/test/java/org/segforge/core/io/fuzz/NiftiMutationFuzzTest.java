package org.segforge.core.io.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.DataException;
import org.segforge.core.SharedData;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.LoadedImage;
import org.segforge.core.io.nifti.NiftiHeaderCodec;

/**
 * Seeded mutations of real and crafted NIfTI files: every read must either give a valid volume or
 * throw a {@link DataException} naming the file, never anything else (no NPE, IndexOutOfBounds,
 * OutOfMemoryError, EOFException …). A failure names the case number, seed and mutation.
 */
class NiftiMutationFuzzTest {
    private static final long SEED = 0x5E6F0E6EL;
    /** NIfTI datatype codes: supported ones, unsupported real ones (complex, RGB, …) and nonsense. */
    private static final int[] DATATYPES = {0, 1, 2, 4, 8, 16, 32, 64, 128, 255, 256, 512, 768, 1024, 1280, 1536,
        1792, 2048, 2304, -1, 32767, -32768};
    private static final String[] MAGICS = {"n+1\0", "ni1\0", "n+2\0", "ni2\0", "\0\0\0\0", "N+1\0", "n+1x", "xyz\0"};

    @TempDir
    Path dir;

    /** A file to mutate: its bytes as stored, and (for gzip) the decompressed NIfTI inside. */
    record Source(String name, byte[] stored, boolean gzipped) {
        byte[] plain() {
            return gzipped ? Mutations.gunzip(stored) : stored;
        }
    }

    /** Field offsets of the two header versions. */
    record Layout(int version, ByteOrder order, int headerSize, int dimAt, int dimWidth, int datatypeAt,
                  int voxOffsetAt, int sclSlopeAt, int realWidth, int magicAt) {
        static Layout of(byte[] plain) {
            NiftiHeaderCodec.Kind k = NiftiHeaderCodec.detect(java.util.Arrays.copyOf(plain, 4));
            if (k.version() == 2) {
                return new Layout(2, k.order(), 540, 16, 8, 12, 168, 176, 8, 4);
            }
            return new Layout(1, k.order(), 348, 40, 2, 70, 108, 112, 4, 344);
        }
    }

    @Test
    void mutatedFilesFailCleanlyOrReadValidVolumes() throws IOException, DataException {
        List<Source> crafted = craftedSources();
        List<Source> lesions = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            Path p = SharedData.file("lesions/lesion" + i + ".nii.gz");
            lesions.add(new Source(p.getFileName().toString(), Files.readAllBytes(p), true));
        }
        int caseNo = 0, ok = 0, refused = 0;
        // 1) header, body and gzip mutations of small crafted files (fast, so many)
        for (int i = 0; i < 560; i++, caseNo++) {
            SplittableRandom rng = rng(caseNo);
            Source s = crafted.get(rng.nextInt(crafted.size()));
            Mutations.Mutant m = s.gzipped() && rng.nextInt(3) == 0 ? gzipMutation(s, rng) : contentMutation(s, rng);
            if (check(caseNo, s, m)) ok++; else refused++;
        }
        // 2) damaged gzip streams of the real lesion masks (read as they are)
        for (int i = 0; i < 32; i++, caseNo++) {
            SplittableRandom rng = rng(caseNo);
            Source s = lesions.get(i % lesions.size());
            if (check(caseNo, s, gzipMutation(s, rng))) ok++; else refused++;
        }
        // 3) header mutations of real lesion masks, re-gzipped (slower: 7 MB each, so fewer)
        for (int i = 0; i < 6; i++, caseNo++) {
            SplittableRandom rng = rng(caseNo);
            Source s = lesions.get(4 * i);
            if (check(caseNo, s, contentMutation(s, rng))) ok++; else refused++;
        }
        // the mutations must exercise both outcomes, or the test proves little
        assertThat(ok).as("reads that succeeded").isGreaterThan(30);
        assertThat(refused).as("reads that were refused").isGreaterThan(300);
        System.out.println("NIfTI fuzz: " + caseNo + " cases, " + ok + " read, " + refused + " refused with a DataException");
    }

    private static SplittableRandom rng(int caseNo) {
        return new SplittableRandom(SEED + 0x9E3779B97F4A7C15L * caseNo);
    }

    /** Reads the mutant; true when it read, false when refused properly; fails the test otherwise. */
    private boolean check(int caseNo, Source s, Mutations.Mutant m) throws IOException {
        String ending = s.gzipped() ? ".nii.gz" : ".nii";
        Path file = dir.resolve("case" + caseNo + "-" + s.name().replace(".nii.gz", "").replace(".nii", "") + ending);
        Files.write(file, m.bytes());
        String what = "case " + caseNo + " (seed " + (SEED + 0x9E3779B97F4A7C15L * caseNo) + ", " + s.name() + "): " + m.description();
        try {
            LoadedImage img = ImageFiles.read(file);
            Volume v = img.volume();
            assertThat((long) v.data().length).as(what).isEqualTo((long) v.nx() * v.ny() * v.nz() * v.nt());
            assertThat(img.storedType()).as(what).isNotNull();
            return true;
        } catch (DataException e) {
            if (e.getMessage() == null || !e.getMessage().contains(file.getFileName().toString())) {
                fail(what + ": message does not name the file: " + e.getMessage());
            }
            return false;
        } catch (Throwable t) {
            throw new AssertionError(what + ": " + t, t);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A mutation of the (decompressed) NIfTI bytes, re-gzipped when the source was gzipped. */
    private static Mutations.Mutant contentMutation(Source s, SplittableRandom rng) {
        byte[] plain = s.plain();
        Layout l = Layout.of(plain);
        Mutations.Mutant m = mutateOnce(plain, l, rng);
        if (rng.nextInt(4) == 0) {
            Mutations.Mutant m2 = mutateOnce(m.bytes(), l, rng);
            m = new Mutations.Mutant(m2.bytes(), m.description() + "; " + m2.description());
        }
        return s.gzipped() ? new Mutations.Mutant(Mutations.gzip(m.bytes()), m.description() + " (re-gzipped)") : m;
    }

    private static Mutations.Mutant mutateOnce(byte[] b, Layout l, SplittableRandom rng) {
        ByteOrder o = l.order();
        return switch (rng.nextInt(12)) {
            case 0 -> Mutations.truncate(b, rng);
            case 1 -> Mutations.randomBytes(b, 0, l.headerSize() + 4, 1 + rng.nextInt(6), rng);
            case 2 -> Mutations.flipBits(b, 0, b.length, 1 + rng.nextInt(4), rng);
            case 3 -> {
                int i = rng.nextInt(8);
                yield Mutations.putInt(b, l.dimAt() + i * l.dimWidth(), l.dimWidth(), Mutations.edgyInt(rng, l.dimWidth()), o, "dim[" + i + "]");
            }
            case 4 -> {
                // several dims at once: 0, negative or huge, the classic overflow attempt
                Mutations.Mutant m = new Mutations.Mutant(b, "dims");
                long[] pick = {0, -1, -32768, 32767, 65535, 1L << 31, Long.MAX_VALUE};
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= 3; i++) {
                    long v = pick[rng.nextInt(pick.length)];
                    m = Mutations.putInt(m.bytes(), l.dimAt() + i * l.dimWidth(), l.dimWidth(), v, o, "dim[" + i + "]");
                    sb.append(m.description()).append(' ');
                }
                yield new Mutations.Mutant(m.bytes(), sb.toString().trim());
            }
            case 5 -> Mutations.putInt(b, l.datatypeAt(), 2, DATATYPES[rng.nextInt(DATATYPES.length)], o, "datatype");
            case 6 -> {
                double[] pick = {0, -1, 351, 353, 352.5, 1e9, b.length, b.length + 1, Double.NaN, Mutations.edgyReal(rng)};
                double v = pick[rng.nextInt(pick.length)];
                yield l.version() == 2
                    ? Mutations.putInt(b, l.voxOffsetAt(), 8, Double.isNaN(v) ? Long.MIN_VALUE : (long) v, o, "vox_offset")
                    : Mutations.putReal(b, l.voxOffsetAt(), 4, v, o, "vox_offset");
            }
            case 7 -> Mutations.putText(b, l.magicAt(), MAGICS[rng.nextInt(MAGICS.length)], "magic");
            case 8 -> Mutations.putReal(b, l.sclSlopeAt() + (rng.nextBoolean() ? 0 : l.realWidth()), l.realWidth(),
                Mutations.edgyReal(rng), o, "scl_slope/inter");
            case 9 -> Mutations.putInt(b, 0, 4, rng.nextBoolean() ? Mutations.edgyInt(rng, 4) : (rng.nextBoolean() ? 540 : 348),
                rng.nextBoolean() ? o : (o == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN), "sizeof_hdr");
            case 10 -> {
                // claim extensions and scribble where they would be
                Mutations.Mutant m = Mutations.putInt(b, l.headerSize(), 1, 1, o, "extension flag");
                Mutations.Mutant m2 = Mutations.randomBytes(m.bytes(), l.headerSize() + 4, l.headerSize() + 24, 4, rng);
                yield new Mutations.Mutant(m2.bytes(), m.description() + "; " + m2.description());
            }
            default -> Mutations.appendGarbage(b, rng.nextInt(1, 100), rng);
        };
    }

    /** A mutation of the gzip stream itself: damaged bytes, truncation, or a bad gzip header. */
    private static Mutations.Mutant gzipMutation(Source s, SplittableRandom rng) {
        byte[] b = s.stored();
        return switch (rng.nextInt(5)) {
            case 0 -> Mutations.truncate(b, rng);
            case 1 -> Mutations.flipBits(b, 10, b.length, 1 + rng.nextInt(3), rng); // deflate data and trailer
            case 2 -> Mutations.randomBytes(b, 0, 10, 1 + rng.nextInt(3), rng); // gzip header (magic, flags, …)
            case 3 -> Mutations.randomBytes(b, Math.max(0, b.length - 8), b.length, 1 + rng.nextInt(4), rng); // CRC, size
            default -> Mutations.appendGarbage(b, rng.nextInt(1, 64), rng);
        };
    }

    /** Small files: three written by SegForge, the rest made by nibabel (see NiftiFixturesTest). */
    private List<Source> craftedSources() throws IOException, DataException {
        List<Source> out = new ArrayList<>();
        Affine a = Affine.of(0, -1.5, 0, 10, 1.2, 0, 0.1, -4, 0, 0.3, 2, 7, 0, 0, 0, 1);
        float[] d = new float[5 * 4 * 3 * 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i * 37) % 200;
        }
        Volume v3 = new Volume(5, 4, 3, 1, java.util.Arrays.copyOf(d, 60), a);
        Volume v4 = new Volume(5, 4, 3, 2, d, a);
        String[][] mine = {{"w-uint8.nii", "UINT8"}, {"w-int16-4d.nii.gz", "INT16"}, {"w-float32.nii", "FLOAT32"}};
        for (String[] w : mine) {
            Path p = dir.resolve(w[0]);
            ImageFiles.write(w[0].contains("4d") ? v4 : v3, p, DataType.valueOf(w[1]));
            out.add(new Source(w[0], Files.readAllBytes(p), w[0].endsWith(".gz")));
            Files.delete(p);
        }
        for (String f : new String[] {"big_endian_int16.nii", "nifti2_float32.nii", "extensions_float64.nii",
                "scaled_int16.nii", "nifti2_big_endian_int32_4d.nii.gz", "uint32_4d_ext.nii"}) {
            try (var in = NiftiMutationFuzzTest.class.getResourceAsStream("/nifti/" + f)) {
                out.add(new Source(f, in.readAllBytes(), f.endsWith(".gz")));
            }
        }
        return out;
    }
}
