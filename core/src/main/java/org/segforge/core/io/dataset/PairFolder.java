package org.segforge.core.io.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.segforge.core.DataException;
import org.segforge.core.data.Dataset;
import org.segforge.core.data.DatasetProvenance;
import org.segforge.core.data.Fingerprints;
import org.segforge.core.io.ImageFiles;

/**
 * A plain folder of image/label pairs, one channel per image. Two layouts, tried in this order:
 * <ol>
 * <li><b>Two subfolders</b> {@code images/} and {@code labels/}: a label belongs to the image with
 *     the same stem (the name without its image ending, so {@code a.nii.gz} pairs with
 *     {@code a.nii}); a label stem may also carry one of the label suffixes below.</li>
 * <li><b>One folder</b>: a file whose stem ends with {@code _seg}, {@code _label}, {@code _labels}
 *     or {@code _mask} (any case) is the label of the image {@code NAME} it extends:
 *     {@code case7.nii.gz} + {@code case7_seg.nii.gz}.</li>
 * </ol>
 * The case id is the image stem. Hidden files and files that are not images (by ending:
 * {@code .nii.gz .nii .mha .mhd .png .jpg .jpeg .tif .tiff .dcm}) are ignored. Every image needs
 * exactly one label and every label an image; all unmatched or ambiguous files are reported
 * together. An optional {@code labels.json} ({"background": 0, "lesion": 1}, or the Decathlon
 * {"0": "background", ...}) names the labels and restricts the values allowed; without it the
 * values found are named "label_V". The same validation as {@link NnUnetDataset} then applies.
 */
public final class PairFolder {
    /** Stem suffixes that mark a label file in the one-folder layout. */
    public static final List<String> LABEL_SUFFIXES = List.of("_seg", "_label", "_labels", "_mask");
    public static final String LABELS_JSON = "labels.json";

    private PairFolder() {}

    public static Dataset read(Path folder) throws DataException {
        return read(folder, Validation.FULL);
    }

    public static Dataset read(Path folder, Validation validation) throws DataException {
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder, "no such folder");
        }
        List<CaseProblem> problems = new ArrayList<>();
        Path imagesDir = folder.resolve("images"), labelsDir = folder.resolve("labels");
        List<CaseFiles> cases = Files.isDirectory(imagesDir) && Files.isDirectory(labelsDir)
            ? pairSubfolders(folder, imagesDir, labelsDir, problems)
            : pairFlat(folder, problems);
        if (cases.isEmpty() && problems.isEmpty()) {
            throw new DataException(folder, "no image/label pair found (expected images/ + labels/, or NAME + NAME_seg files)");
        }
        Map<Integer, String> labels = new TreeMap<>();
        Set<Integer> declared = null;
        Path labelsJson = folder.resolve(LABELS_JSON);
        if (Files.isRegularFile(labelsJson)) {
            try {
                labels.putAll(DatasetJson.parseLabels(labelsJson, DatasetJson.MAPPER.readTree(Files.readAllBytes(labelsJson))));
            } catch (IOException e) {
                throw new DataException(labelsJson, "cannot read: " + e.getMessage(), e);
            }
            declared = Set.copyOf(labels.keySet());
        } else {
            labels.put(0, "background");
        }
        if (problems.isEmpty()) {
            Set<Integer> found = new TreeSet<>();
            if (validation == Validation.FULL) {
                Set<Integer> allowed = declared;
                List<CaseFiles.Check> checks = cases.parallelStream().map(c -> c.check(allowed)).toList();
                for (int i = 0; i < cases.size(); i++) {
                    for (String p : checks.get(i).problems()) {
                        problems.add(new CaseProblem(cases.get(i).id(), p));
                    }
                    found.addAll(checks.get(i).labelValues());
                }
            } else if (declared == null) {
                found = valuesFound(cases, problems);
            }
            if (declared == null) {
                for (int v : found) {
                    labels.put(v, "label_" + v);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new DatasetValidationException(folder, problems);
        }
        List<Path> files = new ArrayList<>();
        cases.forEach(c -> files.addAll(c.files()));
        if (declared != null) {
            files.add(labelsJson);
        }
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        DatasetProvenance prov = new DatasetProvenance(name, folder.toAbsolutePath().normalize().toString(),
            Fingerprints.ofFiles(folder, files), DatasetProvenance.FILES);
        return new Dataset(name, List.of("image"), labels, List.copyOf(cases), List.of(), prov);
    }

    private static List<CaseFiles> pairSubfolders(Path root, Path imagesDir, Path labelsDir, List<CaseProblem> problems) throws DataException {
        Map<String, Path> images = byStem(imagesDir, problems);
        Map<String, List<Path>> labels = new TreeMap<>();
        byStem(labelsDir, problems).forEach((stem, f) -> {
            String base = images.containsKey(stem) ? stem : withoutLabelSuffix(stem);
            labels.computeIfAbsent(base == null ? stem : base, k -> new ArrayList<>()).add(f);
        });
        return pair(root, images, labels, "images/", "labels/", problems);
    }

    private static List<CaseFiles> pairFlat(Path folder, List<CaseProblem> problems) throws DataException {
        Map<String, Path> all = byStem(folder, problems);
        Map<String, Path> images = new TreeMap<>();
        Map<String, List<Path>> labels = new TreeMap<>();
        all.forEach((stem, f) -> {
            String base = withoutLabelSuffix(stem);
            if (base != null) {
                labels.computeIfAbsent(base, k -> new ArrayList<>()).add(f);
            } else {
                images.put(stem, f);
            }
        });
        return pair(folder, images, labels, "", "", problems);
    }

    private static List<CaseFiles> pair(Path root, Map<String, Path> images, Map<String, List<Path>> labels, String imagePrefix,
                                        String labelPrefix, List<CaseProblem> problems) {
        List<CaseFiles> cases = new ArrayList<>();
        Set<String> ids = new TreeSet<>(images.keySet());
        ids.addAll(labels.keySet());
        for (String id : ids) {
            Path image = images.get(id);
            List<Path> ls = labels.getOrDefault(id, List.of());
            if (image == null) {
                for (Path l : ls) {
                    problems.add(new CaseProblem(id, "label " + labelPrefix + l.getFileName() + " matches no image"));
                }
            } else if (ls.isEmpty()) {
                problems.add(new CaseProblem(id, "image " + imagePrefix + image.getFileName() + " has no label (expected "
                    + (labelPrefix.isEmpty() ? id + "_seg (or _label, _labels, _mask)" : labelPrefix + id) + " with an image ending)"));
            } else if (ls.size() > 1) {
                problems.add(new CaseProblem(id, "image " + imagePrefix + image.getFileName() + " has several labels: "
                    + ls.stream().map(p -> labelPrefix + p.getFileName()).toList()));
            } else {
                cases.add(new CaseFiles(id, root, List.of(image), 1, ls.get(0)));
            }
        }
        return cases;
    }

    /** Image files of a folder by stem; two files with one stem (a.nii and a.nii.gz) are a problem. */
    private static Map<String, Path> byStem(Path dir, List<CaseProblem> problems) throws DataException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> !ImageNames.hidden(p) && Files.isRegularFile(p)).sorted().toList()) {
                String file = f.getFileName().toString();
                if (ImageNames.ending(file) == null) {
                    continue;
                }
                String stem = ImageNames.stem(file);
                Path before = out.put(stem, f);
                if (before != null) {
                    problems.add(new CaseProblem(stem, "two files share the name " + stem + ": " + before.getFileName() + " and " + file));
                }
            }
        } catch (IOException e) {
            throw new DataException(dir, "cannot list: " + e.getMessage(), e);
        }
        return out;
    }

    /** NAME for NAME_seg (etc.), or null when the stem has no label suffix. */
    static String withoutLabelSuffix(String stem) {
        String lower = stem.toLowerCase(Locale.ROOT);
        for (String suffix : LABEL_SUFFIXES) {
            if (lower.endsWith(suffix) && stem.length() > suffix.length()) {
                return stem.substring(0, stem.length() - suffix.length());
            }
        }
        return null;
    }

    /** The foreground values present in the labels (reads every label file). */
    private static Set<Integer> valuesFound(List<CaseFiles> cases, List<CaseProblem> problems) {
        Set<Integer> values = new TreeSet<>();
        for (CaseFiles c : cases) {
            try {
                values.addAll(CaseFiles.foregroundValues(ImageFiles.readVolume(c.label())));
            } catch (DataException e) {
                problems.add(new CaseProblem(c.id(), e.getMessage()));
            }
        }
        return values;
    }
}
