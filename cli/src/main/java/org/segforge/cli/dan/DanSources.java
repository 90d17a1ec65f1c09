package org.segforge.cli.dan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.data.Dataset;
import org.segforge.core.data.Fingerprints;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.dataset.NnUnetDataset;
import org.segforge.nn.dan.DanTrainer;
import org.segforge.nn.dan.Slice2d;

/**
 * Reads DAN's two pools from disk. A labelled folder is an nnU-Net / Decathlon dataset (for
 * instance one written by {@code segforge tasks --out}); an unlabelled folder is such a dataset
 * (labels ignored, imagesTs included) or a plain folder of images in any readable format. 2D
 * images give one slice, 3D volumes give every axial slice. Intensities are min–max normalised per
 * image (per volume for 3D), multi-channel pictures are averaged to grey.
 */
final class DanSources {
    /** Slices and a fingerprint of where they came from. */
    record Pool(List<Slice2d> slices, int classes, String fingerprint) {}

    private DanSources() {}

    static Pool labelled(Path folder) throws DataException {
        Dataset d = NnUnetDataset.read(folder);
        int classes = d.labels().keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        if (classes < 2) {
            throw new DataException(folder, "dataset.json declares no foreground label");
        }
        List<Slice2d> out = new ArrayList<>();
        for (Case c : d.loadTraining()) {
            if (!c.isLabelled()) {
                continue;
            }
            add(out, c.id(), grey(c.channels()), c.label());
        }
        if (out.isEmpty()) {
            throw new DataException(folder, "no labelled training case");
        }
        return new Pool(out, Math.max(2, classes), d.provenance().fingerprint());
    }

    static Pool unlabelled(Path folder) throws DataException {
        List<Slice2d> out = new ArrayList<>();
        if (Files.isRegularFile(folder.resolve(NnUnetDataset.DATASET_JSON))) {
            Dataset d = NnUnetDataset.read(folder);
            for (var src : d.training()) {
                Case c = src.load();
                add(out, c.id(), grey(c.channels()), null);
            }
            for (var src : d.test()) {
                Case c = src.load();
                add(out, c.id(), grey(c.channels()), null);
            }
            return new Pool(out, 0, d.provenance().fingerprint());
        }
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder, "no such folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().toLowerCase().endsWith(".raw")
                            && !p.getFileName().toString().toLowerCase().endsWith(".txt")
                            && !p.getFileName().toString().toLowerCase().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new DataException(folder, "cannot list: " + e.getMessage(), e);
        }
        for (Path f : files) {
            Volume v = ImageFiles.readVolume(f);
            List<Volume> channels = new ArrayList<>();
            for (int t = 0; t < v.nt(); t++) {
                channels.add(v.frame(t));
            }
            add(out, f.getFileName().toString(), grey(channels), null);
        }
        if (out.isEmpty()) {
            throw new DataException(folder, "no images");
        }
        return new Pool(out, 0, Fingerprints.ofFiles(folder, files));
    }

    /** The mean of the channels (a single channel as it is). */
    static Volume grey(List<Volume> channels) {
        if (channels.size() == 1) {
            return channels.get(0);
        }
        Volume first = channels.get(0);
        float[] sum = new float[first.frameSize()];
        for (Volume c : channels) {
            float[] d = c.data();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += d[i] / channels.size();
            }
        }
        return new Volume(first.nx(), first.ny(), first.nz(), 1, sum, first.affine());
    }

    private static void add(List<Slice2d> out, String id, Volume image, Volume label) {
        float[] norm = DanTrainer.NORMALISATION.apply(image.data());
        int nx = image.nx(), ny = image.ny(), plane = nx * ny;
        for (int z = 0; z < image.nz(); z++) {
            float[] img = java.util.Arrays.copyOfRange(norm, z * plane, (z + 1) * plane);
            float[] lab = label == null ? null : java.util.Arrays.copyOfRange(label.data(), z * plane, (z + 1) * plane);
            out.add(new Slice2d(image.nz() == 1 ? id : id + ":z=" + z, nx, ny, img, lab));
        }
    }
}
