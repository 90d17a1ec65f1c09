package org.segforge.core.io.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.segforge.core.DataException;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.ImageReader;
import org.segforge.core.io.LoadedImage;
import org.segforge.core.io.ReadLimits;

/**
 * DICOM images, read-only: a single file (ending .dcm/.dicom or carrying the DICM preamble), a
 * multi-frame file (frames become z, sorted by their own positions when the functional groups
 * give them; frames that all lie at one position, as in cine or multi-segment SEG objects, become
 * the 4th dimension), or a folder holding one series (one slice per file).
 *
 * <p>Uncompressed transfer syntaxes only (implicit/explicit VR little endian, explicit big
 * endian); a compressed one is refused with its name. RescaleSlope/Intercept are applied, so CT
 * reads in Hounsfield units. Pixels of 1 bit (DICOM-SEG binary masks) read as 0/1.
 *
 * <p>Geometry: voxel (i, j, k) = (column, row, slice). Slices of a series are ordered by
 * ImagePositionPatient projected on the slice normal (row × column direction), or by
 * InstanceNumber when positions are missing; they must be evenly spaced. The affine maps to RAS
 * (DICOM's LPS with x and y negated), as a NIfTI conversion of the series would.
 *
 * <p>Why not ImageJ's {@code ij.plugin.DICOM}: it reports problems by printing to standard output
 * and then failing with a NullPointerException (e.g. on the 1-bit DICOM-SEG in shared/data), and it
 * allocates before any size can be checked. This small parser checks every length first; the tests
 * compare its pixels with ImageJ's on the same files.
 */
public final class DicomFormat implements ImageReader {
    /** Relative tolerance for "the same" orientation or spacing across slices. */
    private static final double SAME = 1e-4;

    @Override
    public String name() {
        return "DICOM";
    }

    @Override
    public boolean accepts(Path file) {
        if (Files.isDirectory(file)) {
            return true;
        }
        String n = ImageFiles.lowerName(file);
        return n.endsWith(".dcm") || n.endsWith(".dicom") || hasPreamble(file);
    }

    private static boolean hasPreamble(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return DicomParser.hasMagic(in.readNBytes(132));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public LoadedImage read(Path file) throws DataException {
        try {
            return Files.isDirectory(file) ? readSeries(file) : readFile(file);
        } catch (RuntimeException e) {
            // A corruption this reader did not foresee must still end in a message naming the file.
            throw new DataException(file, "unreadable DICOM (" + e + ")", e);
        }
    }

    private static byte[] bytes(Path file) throws DataException {
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8) {
                throw new DataException(file, "DICOM files over 2 GiB are not supported");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file, "no such file");
        } catch (IOException e) {
            throw new DataException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ one file

    private LoadedImage readFile(Path file) throws DataException {
        DicomInstance d = new DicomInstance(file, bytes(file));
        int n = (int) ReadLimits.checkVoxels(file, d.columns, d.rows);
        ReadLimits.checkVoxels(file, d.columns, d.rows, d.frames);
        Map<String, Object> header = d.header();
        int[] order = new int[d.frames];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Affine affine;
        boolean oneplace = d.positions != null && d.positions.length == d.frames && d.frames > 1 && allAtOnePlace(d.positions);
        int nz = oneplace ? 1 : d.frames, nt = oneplace ? d.frames : 1;
        if (oneplace) {
            // cine or several segments: every frame lies at one position, so frames are the 4th axis
            double[] normal = Geometry.normal(file, d.orientation);
            affine = Geometry.rasAffine(file, d.orientation, d.pixelSpacing, d.positions[0], Geometry.scale(normal, Geometry.sliceSpacing(d)));
            header.put("Notes", "all frames lie at one position: they form the 4th dimension (time points or segments)");
        } else if (d.positions != null && d.positions.length == d.frames && d.frames > 1) {
            // enhanced multi-frame: frames carry their own positions, in any order
            double[] normal = Geometry.normal(file, d.orientation);
            double[][] pos = d.positions;
            Integer[] idx = new Integer[d.frames];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            java.util.Arrays.sort(idx, Comparator.comparingDouble(i -> Geometry.dot(pos[i], normal)));
            String[] names = new String[d.frames];
            double[][] sorted = new double[d.frames][];
            for (int i = 0; i < idx.length; i++) {
                order[i] = idx[i];
                sorted[i] = pos[idx[i]];
                names[i] = "frame " + (idx[i] + 1);
            }
            double[] step = Geometry.uniformStep(file, sorted, normal, names);
            header.put("SliceSpacing", Geometry.norm(step));
            affine = Geometry.rasAffine(file, d.orientation, d.pixelSpacing, sorted[0], step);
        } else {
            double[] origin = d.positions == null ? new double[3] : d.positions[0];
            double[] normal = Geometry.normal(file, d.orientation);
            double thickness = Geometry.sliceSpacing(d);
            affine = Geometry.rasAffine(file, d.orientation, d.pixelSpacing, origin, Geometry.scale(normal, thickness));
            if (d.frames > 1) {
                header.put("SliceSpacing", thickness);
            }
        }
        float[] data = new float[Math.multiplyExact(n, d.frames)];
        java.util.stream.IntStream.range(0, d.frames).parallel().forEach(z -> d.decodeFrame(order[z], data, z * n));
        if (!d.notes.isEmpty()) {
            header.merge("Notes", String.join("; ", d.notes), (a, b) -> a + "; " + b);
        }
        Volume v = new Volume(d.columns, d.rows, nz, nt, data, affine);
        return new LoadedImage(file, name(), d.storedType(), v, header);
    }

    private static boolean allAtOnePlace(double[][] positions) {
        for (double[] p : positions) {
            for (int a = 0; a < 3; a++) {
                if (Math.abs(p[a] - positions[0][a]) > 1e-4) {
                    return false;
                }
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ a series folder

    private LoadedImage readSeries(Path dir) throws DataException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .filter(p -> !ImageFiles.lowerName(p).equals("dicomdir"))
                .filter(p -> ImageFiles.lowerName(p).endsWith(".dcm") || ImageFiles.lowerName(p).endsWith(".dicom") || hasPreamble(p))
                .sorted()
                .toList();
        } catch (IOException e) {
            throw new DataException(dir, "cannot list the folder: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DataException(dir, "no DICOM files (ending .dcm or with the DICM preamble) in this folder");
        }
        // All files are held in memory while the volume is built: refuse a folder the heap cannot hold.
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                throw new DataException(f, "cannot read: " + e.getMessage(), e);
            }
        }
        if (total > ReadLimits.maxVoxels() * 4L) {
            throw new DataException(dir, "the folder holds " + (total >> 20) + " MiB of DICOM files, more than the heap can "
                + "hold with the volume (raise -Xmx if the series is genuine)");
        }
        // Parse the files in parallel; report the first failure in file-name order, so the message
        // does not depend on thread timing.
        DicomInstance[] parsed = new DicomInstance[files.size()];
        DataException[] failed = new DataException[files.size()];
        java.util.stream.IntStream.range(0, parsed.length).parallel().forEach(i -> {
            try {
                parsed[i] = new DicomInstance(files.get(i), bytes(files.get(i)));
            } catch (DataException e) {
                failed[i] = e;
            }
        });
        for (DataException e : failed) {
            if (e != null) {
                throw e;
            }
        }
        List<DicomInstance> slices = new ArrayList<>(List.of(parsed));
        DicomInstance first = slices.get(0);
        for (DicomInstance s : slices) {
            checkConsistent(dir, first, s);
        }
        long n = ReadLimits.checkVoxels(dir, first.columns, first.rows, slices.size());
        boolean byPosition = slices.stream().allMatch(s -> s.positions != null);
        double[] normal = Geometry.normal(dir, first.orientation);
        String order;
        if (byPosition) {
            slices.sort(Comparator.comparingDouble(s -> Geometry.dot(s.positions[0], normal)));
            order = "ImagePositionPatient along the slice normal";
        } else {
            for (DicomInstance s : slices) {
                if (s.instanceNumber == null) {
                    throw new DataException(dir, "cannot order the slices: " + s.file.getFileName()
                        + " has neither ImagePositionPatient nor InstanceNumber");
                }
            }
            slices.sort(Comparator.comparingInt(s -> s.instanceNumber));
            for (int i = 1; i < slices.size(); i++) {
                if (slices.get(i).instanceNumber.equals(slices.get(i - 1).instanceNumber)) {
                    throw new DataException(dir, slices.get(i - 1).file.getFileName() + " and " + slices.get(i).file.getFileName()
                        + " share InstanceNumber " + slices.get(i).instanceNumber + " and have no ImagePositionPatient");
                }
            }
            order = "InstanceNumber (no ImagePositionPatient)";
        }
        Affine affine;
        Map<String, Object> header = new LinkedHashMap<>(first.header());
        if (byPosition && slices.size() > 1) {
            double[][] pos = slices.stream().map(s -> s.positions[0]).toArray(double[][]::new);
            String[] names = slices.stream().map(s -> s.file.getFileName().toString()).toArray(String[]::new);
            double[] step = Geometry.uniformStep(dir, pos, normal, names);
            affine = Geometry.rasAffine(dir, first.orientation, first.pixelSpacing, pos[0], step);
            header.put("SliceSpacing", Geometry.norm(step));
        } else {
            DicomInstance lowest = slices.get(0);
            double[] origin = lowest.positions == null ? new double[3] : lowest.positions[0];
            double spacing = Geometry.sliceSpacing(first);
            affine = Geometry.rasAffine(dir, first.orientation, first.pixelSpacing, origin, Geometry.scale(normal, spacing));
            header.put("SliceSpacing", spacing);
        }
        header.put("ImagePositionPatient", slices.get(0).positions == null ? "absent" : DicomInstance.join(slices.get(0).positions[0]));
        header.put("Files", slices.size());
        header.put("SliceOrder", order);
        header.remove("InstanceNumber");
        header.put("NumberOfFrames", slices.size());
        float[] data = new float[(int) n];
        int frame = first.rows * first.columns;
        java.util.stream.IntStream.range(0, slices.size()).parallel().forEach(z -> slices.get(z).decodeFrame(0, data, z * frame));
        Volume v = new Volume(first.columns, first.rows, slices.size(), 1, data, affine);
        return new LoadedImage(dir, name(), first.storedType(), v, header);
    }

    /** Every slice must match the first one's size, orientation, spacing and series. */
    private static void checkConsistent(Path dir, DicomInstance first, DicomInstance s) throws DataException {
        String who = s.file.getFileName().toString();
        String ref = first.file.getFileName().toString();
        if (s.frames != 1) {
            throw new DataException(dir, who + " is a multi-frame file (" + s.frames + " frames) inside a series folder; read it on its own");
        }
        if (s.rows != first.rows || s.columns != first.columns) {
            throw new DataException(dir, who + " is " + s.columns + "×" + s.rows + " but " + ref + " is "
                + first.columns + "×" + first.rows + "; all slices of a series must have one size");
        }
        if (first.seriesUid != null && s.seriesUid != null && !first.seriesUid.equals(s.seriesUid)) {
            throw new DataException(dir, who + " belongs to series " + s.seriesUid + " but " + ref + " to " + first.seriesUid
                + "; put each series in its own folder");
        }
        if (s.bitsAllocated != first.bitsAllocated) {
            throw new DataException(dir, who + " has BitsAllocated " + s.bitsAllocated + " but " + ref + " has " + first.bitsAllocated);
        }
        if (!close(first.orientation, s.orientation)) {
            throw new DataException(dir, who + " has ImageOrientationPatient " + text(s.orientation) + " but " + ref
                + " has " + text(first.orientation) + "; all slices must share one orientation");
        }
        if (!close(first.pixelSpacing, s.pixelSpacing)) {
            throw new DataException(dir, who + " has PixelSpacing " + text(s.pixelSpacing) + " but " + ref + " has " + text(first.pixelSpacing));
        }
    }

    private static boolean close(double[] a, double[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (Math.abs(a[i] - b[i]) > SAME * Math.max(1, Math.abs(a[i]))) {
                return false;
            }
        }
        return true;
    }

    private static String text(double[] v) {
        return v == null ? "absent" : DicomInstance.join(v);
    }

    /** Geometry helpers in DICOM's LPS world. */
    static final class Geometry {
        private Geometry() {}

        static double dot(double[] a, double[] b) {
            return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        }

        static double norm(double[] a) {
            return Math.sqrt(dot(a, a));
        }

        static double[] scale(double[] a, double s) {
            return new double[] {a[0] * s, a[1] * s, a[2] * s};
        }

        /** Row direction × column direction; +z when the orientation is absent. */
        static double[] normal(Path file, double[] iop) throws DataException {
            double[] r = iop == null ? new double[] {1, 0, 0} : unit(file, iop, 0);
            double[] c = iop == null ? new double[] {0, 1, 0} : unit(file, iop, 3);
            if (Math.abs(dot(r, c)) > 1e-3) {
                throw new DataException(file, "ImageOrientationPatient " + DicomInstance.join(iop) + " has directions that are not perpendicular");
            }
            return new double[] {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
        }

        static double[] unit(Path file, double[] iop, int from) throws DataException {
            double[] v = {iop[from], iop[from + 1], iop[from + 2]};
            double len = norm(v);
            if (!(Math.abs(len - 1) < 1e-2)) {
                throw new DataException(file, "ImageOrientationPatient " + DicomInstance.join(iop) + " holds a direction that is not a unit vector");
            }
            return scale(v, 1 / len);
        }

        /** Slice spacing of a lone slice or a classic multi-frame: SpacingBetweenSlices, else SliceThickness, else 1. */
        static double sliceSpacing(DicomInstance d) {
            double s = d.spacingBetweenSlices > 0 ? d.spacingBetweenSlices : d.sliceThickness;
            return s > 0 && Double.isFinite(s) ? s : 1;
        }

        /**
         * The step from one slice to the next, (last − first)/(n − 1), after checking that the
         * positions (sorted along the normal) are distinct and evenly spaced.
         */
        static double[] uniformStep(Path file, double[][] pos, double[] normal, String[] names) throws DataException {
            int n = pos.length;
            double[] gap = new double[n - 1];
            double mean = (dot(pos[n - 1], normal) - dot(pos[0], normal)) / (n - 1);
            for (int i = 0; i + 1 < n; i++) {
                gap[i] = dot(pos[i + 1], normal) - dot(pos[i], normal);
                if (gap[i] < 1e-4) {
                    throw new DataException(file, names[i] + " and " + names[i + 1] + " lie at the same position "
                        + DicomInstance.join(pos[i]) + " (duplicate slices, or several series/time points in one place)");
                }
            }
            double tol = Math.max(1e-3, 0.01 * mean);
            for (int i = 0; i + 1 < n; i++) {
                if (Math.abs(gap[i] - mean) > tol) {
                    throw new DataException(file, String.format(Locale.ROOT,
                        "slice spacing is not uniform: %.4g mm between %s and %s, but %.4g mm on average "
                            + "(a missing slice?); SegForge needs evenly spaced slices", gap[i], names[i], names[i + 1], mean));
                }
            }
            double[] step = new double[3];
            for (int a = 0; a < 3; a++) {
                step[a] = (pos[n - 1][a] - pos[0][a]) / (n - 1);
            }
            return step;
        }

        /** RAS affine from LPS row/column directions, pixel spacing (row, column), origin and slice step. */
        static Affine rasAffine(Path file, double[] iop, double[] pixelSpacing, double[] origin, double[] step) throws DataException {
            double[] r = iop == null ? new double[] {1, 0, 0} : unit(file, iop, 0);
            double[] c = iop == null ? new double[] {0, 1, 0} : unit(file, iop, 3);
            double dy = pixelSpacing == null ? 1 : pixelSpacing[0]; // between rows: along the column direction
            double dx = pixelSpacing == null ? 1 : pixelSpacing[1]; // between columns: along the row direction
            if (!(dx > 0) || !(dy > 0)) {
                throw new DataException(file, "PixelSpacing " + DicomInstance.join(pixelSpacing) + " is not positive");
            }
            double[] m = new double[16];
            for (int a = 0; a < 3; a++) {
                double flip = a < 2 ? -1 : 1; // LPS → RAS
                m[a * 4] = flip * r[a] * dx + 0.0;
                m[a * 4 + 1] = flip * c[a] * dy + 0.0;
                m[a * 4 + 2] = flip * step[a] + 0.0;
                m[a * 4 + 3] = flip * origin[a] + 0.0;
            }
            m[15] = 1;
            try {
                Affine affine = Affine.of(m);
                affine.inverse();
                return affine;
            } catch (IllegalArgumentException e) {
                throw new DataException(file, "the slice geometry gives no valid affine: " + e.getMessage());
            }
        }
    }
}
