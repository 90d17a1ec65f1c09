package org.segforge.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.data.Dataset;
import org.segforge.core.image.Volume;
import org.segforge.core.io.dataset.NnUnetDataset;
import org.segforge.core.io.dataset.PairFolder;

/**
 * The labelled cases of a dataset folder for training: an nnU-Net v2 / MSD folder (with
 * dataset.json, e.g. a task exported by {@code segforge tasks --out}) or a folder of image/label
 * pairs. Label values are mapped to class indices 0..K−1 in the order of the dataset's label
 * table (nnU-Net requires consecutive values; a folder of pairs may not have them).
 *
 * @param dataset    the dataset as read
 * @param cases      labelled cases with labels as class indices
 * @param classNames class index → name
 * @param dims       2 when every case is a single slice (nz = 1), else 3
 */
record TrainingData(Dataset dataset, List<Case> cases, List<String> classNames, int dims) {
    static TrainingData read(Path folder) throws DataException {
        Dataset d = Files.isRegularFile(folder.resolve(NnUnetDataset.DATASET_JSON)) ? NnUnetDataset.read(folder) : PairFolder.read(folder);
        if (d.training().isEmpty()) {
            throw new DataException(folder, "the dataset has no training cases");
        }
        List<Integer> values = new ArrayList<>(d.labels().keySet());
        if (values.size() < 2) {
            throw new DataException(folder, "the dataset declares no foreground label");
        }
        int max = values.get(values.size() - 1);
        int[] index = new int[max + 1];
        java.util.Arrays.fill(index, -1);
        for (int i = 0; i < values.size(); i++) {
            index[values.get(i)] = i;
        }
        List<Case> cases = new ArrayList<>();
        boolean all2d = true;
        for (Case c : d.loadTraining()) {
            if (!c.isLabelled()) {
                throw new DataException(folder, "training case " + c.id() + " has no label file");
            }
            float[] src = c.label().data(), dst = new float[src.length];
            for (int i = 0; i < src.length; i++) {
                float v = src[i];
                int k = v == Math.rint(v) && v >= 0 && v <= max ? index[(int) v] : -1;
                if (k < 0) {
                    throw new DataException(folder, "case " + c.id() + ": label value " + v + " is not declared in the dataset's labels " + d.labels().keySet());
                }
                dst[i] = k;
            }
            all2d &= c.label().nz() == 1;
            Volume label = c.label().withData(dst);
            cases.add(new Case(c.id(), c.channels(), label));
        }
        List<String> names = values.stream().map(v -> d.labels().get(v)).toList();
        return new TrainingData(d, List.copyOf(cases), names, all2d ? 2 : 3);
    }
}
