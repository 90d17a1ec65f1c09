package org.segforge.nn.universeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.segforge.core.DataException;
import org.segforge.core.data.Fingerprints;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Slices;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;

/**
 * The episode tasks built from the bundled Colin27 data ({@code data/demo}): every AAL region, the
 * brain mask, the lesion shapes painted into ch2 (see {@link SliceTask}) and every Brodmann area,
 * each along each of the three axes. Only slices with at least {@code minPixels} foreground
 * pixels (in the slice's own resolution) are used. Volumes are read once and shared by all tasks;
 * slices are cut on demand.
 *
 * @param tasks       all tasks, by family: "aal", "brainmask", "lesion", "brodmann"
 * @param fingerprint hash of the files read
 */
public record Colin27Tasks(Map<String, List<EpisodeTask>> tasks, String fingerprint) {
    /** The families the shipped model never sees in training. */
    public static final Set<String> HELD_OUT = Set.of("brodmann");

    /** Tasks of the given families, in a fixed order. */
    public List<EpisodeTask> of(Set<String> families) {
        List<EpisodeTask> out = new ArrayList<>();
        tasks.forEach((f, list) -> {
            if (families.contains(f)) {
                out.addAll(list);
            }
        });
        return out;
    }

    /**
     * Reads {@code demo/colin27/{ch2,aal,brodmann,brainmask}.nii.gz} and {@code demo/lesions/*.nii.gz}.
     *
     * @throws DataException if a file is missing or unreadable
     */
    public static Colin27Tasks load(Path demo, int minPixels) throws DataException {
        Path colin = demo.resolve("colin27");
        List<Path> files = new ArrayList<>(List.of(colin.resolve("ch2.nii.gz"), colin.resolve("aal.nii.gz"),
                colin.resolve("brodmann.nii.gz"), colin.resolve("brainmask.nii.gz")));
        List<Path> lesionFiles;
        try (Stream<Path> s = Files.list(demo.resolve("lesions"))) {
            lesionFiles = s.filter(p -> p.getFileName().toString().matches("lesion\\d+\\.nii\\.gz"))
                    .sorted((a, b) -> Integer.compare(number(a), number(b))).toList();
        } catch (IOException e) {
            throw new DataException(demo.resolve("lesions"), "cannot list: " + e.getMessage(), e);
        }
        files.addAll(lesionFiles);
        Volume ch2 = ImageFiles.readVolume(files.get(0));
        Map<String, List<EpisodeTask>> tasks = new LinkedHashMap<>();
        Volume aal = ImageFiles.readVolume(files.get(1));
        tasks.put("aal", perValue("aal", ch2, aal, minPixels));
        Volume mask = ImageFiles.readVolume(files.get(3));
        tasks.put("brainmask", perValue("brainmask", ch2, mask, minPixels));
        float[] union = new float[ch2.data().length];
        for (int k = 0; k < lesionFiles.size(); k++) {
            float[] l = ImageFiles.readVolume(lesionFiles.get(k)).data();
            if (l.length != union.length) {
                throw new DataException(lesionFiles.get(k), "not on the Colin27 grid");
            }
            for (int i = 0; i < l.length; i++) {
                if (l[i] > 0.5f) {
                    union[i] = k + 1;
                }
            }
        }
        Volume lesions = ch2.withData(union);
        List<EpisodeTask> lesionTasks = new ArrayList<>();
        for (EpisodeTask t : perValue("lesion", ch2, lesions, minPixels)) {
            SliceTask s = (SliceTask) t;
            lesionTasks.add(new SliceTask(s.name(), s.family(), s.image(), s.labels(), s.values(), s.axis(), s.slices(), true));
        }
        tasks.put("lesion", lesionTasks);
        Volume brodmann = ImageFiles.readVolume(files.get(2));
        tasks.put("brodmann", perValue("brodmann", ch2, brodmann, minPixels));
        return new Colin27Tasks(tasks, Fingerprints.ofFiles(demo, files));
    }

    private static int number(Path p) {
        return Integer.parseInt(p.getFileName().toString().replaceAll("\\D", ""));
    }

    /**
     * One task per label value per axis, over the slices with ≥ minPixels of that value (and at
     * least two such slices); e.g. the held-out Brodmann tasks from volumes already in memory.
     */
    public static List<EpisodeTask> perValue(String family, Volume image, Volume labels, int minPixels) {
        if (!labels.sameShape(image)) {
            throw new IllegalArgumentException(family + " labels do not match the image grid");
        }
        int max = 0;
        for (float v : labels.data()) {
            max = Math.max(max, Math.round(v));
        }
        List<EpisodeTask> out = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            int n = Slices.count(labels, axis);
            int[][] counts = new int[max + 1][n];
            int nx = labels.nx(), ny = labels.ny(), nz = labels.nz();
            float[] d = labels.data();
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        int v = Math.round(d[x + nx * (y + ny * z)]);
                        if (v > 0) {
                            counts[v][axis == Axis.SAGITTAL ? x : axis == Axis.CORONAL ? y : z]++;
                        }
                    }
                }
            }
            for (int v = 1; v <= max; v++) {
                int[] row = counts[v];
                int[] slices = java.util.stream.IntStream.range(0, n).filter(i -> row[i] >= minPixels).toArray();
                if (slices.length >= 2) {
                    String name = "colin27/" + family + ":" + v + "/" + axis.name().toLowerCase(java.util.Locale.ROOT);
                    out.add(new SliceTask(name, family, image, labels, Set.of(v), axis, slices, false));
                }
            }
        }
        return out;
    }
}
