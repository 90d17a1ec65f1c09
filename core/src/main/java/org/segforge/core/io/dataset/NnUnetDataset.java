package org.segforge.core.io.dataset;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.segforge.core.CodeVersion;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.data.CaseSource;
import org.segforge.core.data.Dataset;
import org.segforge.core.data.DatasetProvenance;
import org.segforge.core.data.Fingerprints;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;

/**
 * Reads and writes datasets in the Medical Segmentation Decathlon / nnU-Net layout:
 * <pre>
 * FOLDER/dataset.json
 * FOLDER/imagesTr/CASE_0000.nii.gz   one file per channel, suffix _XXXX = channel number
 * FOLDER/labelsTr/CASE.nii.gz        label map, values declared in dataset.json
 * FOLDER/imagesTs/CASE_0000.nii.gz   optional, unlabelled
 * </pre>
 * dataset.json may be nnU-Net v2 or MSD / nnU-Net v1 (see {@link DatasetJson}); a v1 "training"
 * list may name 4D images whose frames are the channels (the original MSD archives) or, as nnU-Net
 * v1 does, names without the channel suffix.
 *
 * <p>Reading checks the whole dataset and reports every problem of every case at once in a
 * {@link DatasetValidationException}: missing channel or label, files that match no case, channel
 * or label on another grid (shape, or affine differing by more than
 * {@link Case#AFFINE_TOLERANCE_MM} mm), non-integral label values, label values dataset.json does
 * not declare, and a "numTraining" that does not match. The dataset returned holds file paths
 * ({@link CaseFiles}); volumes are read again when a case is loaded.
 */
public final class NnUnetDataset {
    public static final String DATASET_JSON = "dataset.json";
    private static final Pattern CHANNEL = Pattern.compile("(.+)_(\\d{4})");

    private NnUnetDataset() {}

    /** Reads and fully validates the dataset in {@code folder}. */
    public static Dataset read(Path folder) throws DataException {
        return read(folder, Validation.FULL);
    }

    public static Dataset read(Path folder, Validation validation) throws DataException {
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder, "no such dataset folder");
        }
        Path jsonFile = folder.resolve(DATASET_JSON);
        if (!Files.isRegularFile(jsonFile)) {
            throw new DataException(folder, "no " + DATASET_JSON + " (not an nnU-Net / Decathlon dataset folder)");
        }
        DatasetJson json = DatasetJson.read(jsonFile);
        int channels = json.channelNames().size();
        List<CaseProblem> problems = new ArrayList<>();
        List<CaseFiles> training = json.training() != null
            ? fromEntries(folder, json, json.training(), true, problems)
            : scan(folder, "imagesTr", "labelsTr", json.fileEnding(), channels, problems);
        // cases found in imagesTr/labelsTr, valid or not (problems so far are all about training)
        long trainingIds = Stream.concat(training.stream().map(CaseFiles::id),
            problems.stream().filter(p -> !CaseProblem.DATASET.equals(p.caseId())).map(CaseProblem::caseId)).distinct().count();
        List<CaseFiles> test = json.test() != null
            ? fromEntries(folder, json, json.test(), false, problems)
            : scan(folder, "imagesTs", null, json.fileEnding(), channels, problems);
        if (json.numTraining() != null && json.training() == null && json.numTraining() != trainingIds) {
            problems.add(new CaseProblem(CaseProblem.DATASET, DATASET_JSON + " says numTraining " + json.numTraining()
                + " but imagesTr/labelsTr hold " + trainingIds + " cases"));
        } else if (json.numTraining() != null && json.training() != null && json.numTraining() != json.training().size()) {
            problems.add(new CaseProblem(CaseProblem.DATASET, DATASET_JSON + " says numTraining " + json.numTraining()
                + " but lists " + json.training().size() + " training cases"));
        }
        if (training.isEmpty() && problems.isEmpty()) {
            problems.add(new CaseProblem(CaseProblem.DATASET, "no training case found in imagesTr/labelsTr"));
        }
        if (validation == Validation.FULL) {
            Set<Integer> declared = json.labels().keySet();
            List<CaseFiles> all = new ArrayList<>(training);
            all.addAll(test);
            // cases are independent: read them in parallel; results stay in case order
            List<List<String>> found = all.parallelStream().map(c -> c.problems(declared)).toList();
            for (int i = 0; i < all.size(); i++) {
                for (String p : found.get(i)) {
                    problems.add(new CaseProblem(all.get(i).id(), p));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new DatasetValidationException(folder, problems);
        }
        List<Path> files = new ArrayList<>();
        files.add(jsonFile);
        training.forEach(c -> files.addAll(c.files()));
        test.forEach(c -> files.addAll(c.files()));
        String name = json.name() != null && !json.name().isBlank() ? json.name() : folder.toAbsolutePath().normalize().getFileName().toString();
        DatasetProvenance prov = new DatasetProvenance(name, folder.toAbsolutePath().normalize().toString(),
            Fingerprints.ofFiles(folder, files), DatasetProvenance.FILES);
        try {
            return new Dataset(name, json.channelNames(), json.labels(), List.copyOf(training), List.copyOf(test), prov);
        } catch (IllegalArgumentException e) {
            throw new DataException(folder, e.getMessage());
        }
    }

    /** Cases from imagesTr/labelsTr (or imagesTs alone) by file name; unmatched files are problems. */
    private static List<CaseFiles> scan(Path folder, String imagesDir, String labelsDir, String ending, int numChannels,
                                        List<CaseProblem> problems) throws DataException {
        Map<String, TreeMap<Integer, Path>> images = new TreeMap<>();
        for (Path f : list(folder.resolve(imagesDir))) {
            String file = f.getFileName().toString();
            if (!file.endsWith(ending)) {
                if (ImageNames.ending(file) != null) {
                    problems.add(new CaseProblem(CaseProblem.DATASET, imagesDir + "/" + file + " does not end with the file_ending " + ending));
                }
                continue;
            }
            Matcher m = CHANNEL.matcher(file.substring(0, file.length() - ending.length()));
            if (!m.matches()) {
                problems.add(new CaseProblem(CaseProblem.DATASET, imagesDir + "/" + file + " has no channel suffix (expected CASE_0000" + ending + ")"));
                continue;
            }
            images.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), f);
        }
        Map<String, Path> labels = new TreeMap<>();
        if (labelsDir != null) {
            for (Path f : list(folder.resolve(labelsDir))) {
                String file = f.getFileName().toString();
                if (file.endsWith(ending)) {
                    labels.put(file.substring(0, file.length() - ending.length()), f);
                } else if (ImageNames.ending(file) != null) {
                    problems.add(new CaseProblem(CaseProblem.DATASET, labelsDir + "/" + file + " does not end with the file_ending " + ending));
                }
            }
        }
        Set<String> ids = new java.util.TreeSet<>(images.keySet());
        ids.addAll(labels.keySet());
        List<CaseFiles> cases = new ArrayList<>();
        for (String id : ids) {
            TreeMap<Integer, Path> ch = images.getOrDefault(id, new TreeMap<>());
            Path label = labels.get(id);
            boolean ok = true;
            if (ch.isEmpty()) {
                problems.add(new CaseProblem(id, "label " + labelsDir + "/" + label.getFileName() + " has no image in " + imagesDir));
                continue;
            }
            for (int c = 0; c < numChannels; c++) {
                if (!ch.containsKey(c)) {
                    problems.add(new CaseProblem(id, "missing channel " + c + " (" + imagesDir + "/" + channelFileName(id, c, ending) + ")"));
                    ok = false;
                }
            }
            for (int c : ch.keySet()) {
                if (c >= numChannels) {
                    problems.add(new CaseProblem(id, "unexpected channel " + c + " (" + imagesDir + "/" + ch.get(c).getFileName()
                        + "); the dataset declares " + numChannels));
                    ok = false;
                }
            }
            if (labelsDir != null && label == null) {
                problems.add(new CaseProblem(id, "missing label " + labelsDir + "/" + id + ending));
                ok = false;
            }
            if (ok) {
                cases.add(new CaseFiles(id, folder, new ArrayList<>(ch.values()), numChannels, label));
            }
        }
        return cases;
    }

    /** Cases listed in dataset.json (v1 "training"/"test", v2 "dataset"). */
    private static List<CaseFiles> fromEntries(Path folder, DatasetJson json, List<DatasetJson.Entry> entries, boolean labelled,
                                               List<CaseProblem> problems) {
        int numChannels = json.channelNames().size();
        List<CaseFiles> cases = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (DatasetJson.Entry e : entries) {
            if (!seen.add(e.id())) {
                problems.add(new CaseProblem(e.id(), "listed twice in " + DATASET_JSON));
                continue;
            }
            List<Path> images = new ArrayList<>();
            boolean ok = true;
            if (e.images().size() == 1) {
                Path single = resolve(folder, e.images().get(0));
                if (Files.isRegularFile(single)) {
                    images.add(single); // one channel, or one 4D file holding every channel as frames
                } else {
                    // nnU-Net v1 lists "./imagesTr/x.nii.gz" for the files x_0000.nii.gz, x_0001.nii.gz, …
                    String file = single.getFileName().toString();
                    String stem = ImageNames.stem(file);
                    String ending = file.substring(stem.length());
                    List<String> missing = new ArrayList<>();
                    for (int c = 0; c < numChannels; c++) {
                        Path p = single.resolveSibling(channelFileName(stem, c, ending));
                        images.add(p);
                        if (!Files.isRegularFile(p)) {
                            missing.add(CaseFiles.relative(folder, p));
                        }
                    }
                    if (!missing.isEmpty()) {
                        problems.add(new CaseProblem(e.id(), "missing image " + e.images().get(0)
                            + (missing.size() == numChannels ? "" : " (channel files " + missing + " are missing)")));
                        ok = false;
                    }
                }
            } else {
                if (e.images().size() != numChannels) {
                    problems.add(new CaseProblem(e.id(), "lists " + e.images().size() + " images for " + numChannels + " channels"));
                    ok = false;
                }
                for (String s : e.images()) {
                    Path p = resolve(folder, s);
                    if (!Files.isRegularFile(p)) {
                        problems.add(new CaseProblem(e.id(), "missing image " + s));
                        ok = false;
                    }
                    images.add(p);
                }
            }
            Path label = null;
            if (labelled) {
                label = resolve(folder, e.label());
                if (!Files.isRegularFile(label)) {
                    problems.add(new CaseProblem(e.id(), "missing label " + e.label()));
                    ok = false;
                }
            }
            if (ok) {
                cases.add(new CaseFiles(e.id(), folder, images, numChannels, label));
            }
        }
        return cases;
    }

    private static Path resolve(Path folder, String relative) {
        String r = relative.startsWith("./") ? relative.substring(2) : relative;
        return folder.resolve(r).normalize();
    }

    private static List<Path> list(Path dir) throws DataException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !ImageNames.hidden(p) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir, "cannot list: " + e.getMessage(), e);
        }
    }

    /** "CASE_0003.nii.gz": the nnU-Net name of channel 3 of a case. */
    public static String channelFileName(String caseId, int channel, String ending) {
        return String.format("%s_%04d%s", caseId, channel, ending);
    }

    /**
     * Writes {@code dataset} in the nnU-Net v2 layout (NIfTI, ".nii.gz") into {@code target}, loading
     * one case at a time. Everything is written into a hidden folder beside the target, which is
     * renamed to the target only when complete; on failure it is deleted and the target is left
     * as it was. A target that exists and is not empty is replaced only if {@code overwrite}.
     */
    public static void write(Dataset dataset, Path target, boolean overwrite) throws DataException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) {
            throw new DataException(target, "cannot write a dataset at the file-system root");
        }
        boolean exists = Files.exists(abs);
        if (exists && !Files.isDirectory(abs)) {
            throw new DataException(target, "exists and is not a folder");
        }
        if (exists && !isEmptyDir(abs) && !overwrite) {
            throw new DataException(target, "exists and is not empty; refusing to overwrite it (ask to overwrite to replace it)");
        }
        String ending = DatasetJson.DEFAULT_ENDING;
        String token = Long.toHexString(new SplittableRandom(System.nanoTime()).nextLong() & 0xffffffffL);
        Path tmp = parent.resolve("." + abs.getFileName() + ".tmp-" + token);
        Path old = parent.resolve("." + abs.getFileName() + ".old-" + token);
        try {
            Files.createDirectories(tmp.resolve("imagesTr"));
            Files.createDirectories(tmp.resolve("labelsTr"));
            for (CaseSource source : dataset.training()) {
                Case c = source.load();
                checkForWriting(dataset, c, target, true);
                writeCase(c, tmp.resolve("imagesTr"), tmp.resolve("labelsTr"), ending);
            }
            if (!dataset.test().isEmpty()) {
                Files.createDirectories(tmp.resolve("imagesTs"));
                for (CaseSource source : dataset.test()) {
                    Case c = source.load();
                    checkForWriting(dataset, c, target, false);
                    writeCase(c, tmp.resolve("imagesTs"), null, ending);
                }
            }
            Map<String, String> prov = new LinkedHashMap<>();
            prov.put("source", dataset.provenance().source());
            prov.put("source_fingerprint", dataset.provenance().fingerprint());
            prov.put("source_fingerprint_of", dataset.provenance().fingerprintOf());
            prov.put("code_version", CodeVersion.current().toString());
            AtomicFiles.writeString(tmp.resolve(DATASET_JSON), DatasetJson.toV2Json(dataset.name(), null,
                dataset.channelNames(), dataset.labels(), dataset.training().size(), ending, prov));
            if (exists) {
                move(abs, old);
            }
            try {
                move(tmp, abs);
            } catch (IOException e) {
                if (exists) {
                    move(old, abs); // put the original back
                }
                throw e;
            }
            AtomicFiles.deleteTreeQuietly(old);
        } catch (IOException e) {
            AtomicFiles.deleteTreeQuietly(tmp);
            throw new DataException(target, "cannot write dataset: " + e.getMessage(), e);
        } catch (DataException | RuntimeException e) {
            AtomicFiles.deleteTreeQuietly(tmp);
            throw e;
        }
    }

    private static void checkForWriting(Dataset d, Case c, Path target, boolean training) throws DataException {
        String id = c.id();
        if (id.contains("/") || id.contains("\\") || id.startsWith(".") || id.isBlank()) {
            throw new DataException(target, "case id '" + id + "' cannot be used as a file name");
        }
        if (c.numChannels() != d.numChannels()) {
            throw new DataException(target, "case " + id + " has " + c.numChannels() + " channels; the dataset declares " + d.numChannels());
        }
        if (training && !c.isLabelled()) {
            throw new DataException(target, "training case " + id + " has no label");
        }
        if (c.isLabelled()) {
            List<String> p = CaseFiles.labelValueProblems(c.label(), d.labels().keySet());
            if (!p.isEmpty()) {
                throw new DataException(target, "case " + id + ": " + String.join("; ", p));
            }
        }
    }

    private static void writeCase(Case c, Path imagesDir, Path labelsDir, String ending) throws DataException {
        for (int ch = 0; ch < c.numChannels(); ch++) {
            ImageFiles.write(c.channels().get(ch), imagesDir.resolve(channelFileName(c.id(), ch, ending)));
        }
        if (labelsDir != null) {
            Volume label = c.label();
            float max = label.range()[1];
            DataType type = max <= 255 ? DataType.UINT8 : max <= 65535 ? DataType.UINT16 : DataType.INT32;
            ImageFiles.write(label, labelsDir.resolve(c.id() + ending), type);
        }
    }

    private static boolean isEmptyDir(Path dir) throws DataException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new DataException(dir, "cannot list: " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
