package org.segforge.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.segforge.core.DataException;
import org.segforge.core.data.Fold;
import org.segforge.core.data.SplitSize;
import org.segforge.core.data.SplitSizes;
import org.segforge.core.data.Splits;
import org.segforge.core.data.Task;
import org.segforge.core.data.TaskSample;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.metric.CaseMetrics;
import org.segforge.nn.seg.SegEvaluation;
import org.segforge.nn.seg.SegTrainer;
import org.segforge.nn.seg.SegTrainingConfig;
import org.segforge.nn.train.TrainingListener;

/**
 * One scarce-label run on a single-subject 2D task: a leak-free slice-range split (a contiguous
 * run of {@code labelled} training slices, {@code gap} unused slices on each side, the rest for
 * testing), a U-Net trained on the labelled slices, and its metrics on the test slices (every
 * {@code testStride}-th one, to bound the time).
 *
 * @param run     the trained model and its training record (close it)
 * @param fold    the split, by sample id
 * @param test    the evaluated test samples
 * @param metrics one entry per evaluated test sample, same order
 */
public record FewSliceTraining(SegTrainer.Run run, Fold fold, List<TaskSample> test, List<CaseMetrics> metrics) implements AutoCloseable {

    /** The split used by every few-slice run: {@code labelled} training slices, no validation, the rest (beyond the gap) for test. */
    public static Fold split(Task task, int labelled, int gap, long seed) {
        return Splits.bySliceRanges(task, SplitSizes.of(SplitSize.count(labelled), SplitSize.none(), SplitSize.rest()), gap, seed);
    }

    /**
     * Trains and evaluates; the run's files go to a temporary folder deleted afterwards.
     */
    public static FewSliceTraining run(Task task, Fold fold, SegTrainingConfig config, int testStride, TrainingListener listener)
            throws DataException {
        List<TaskSample> train = task.samplesWithIds(fold.train());
        List<TaskSample> allTest = task.samplesWithIds(fold.test());
        List<TaskSample> test = new ArrayList<>();
        for (int i = 0; i < allTest.size(); i += Math.max(1, testStride)) {
            test.add(allTest.get(i));
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("segforge-run-");
        } catch (IOException e) {
            throw new DataException("cannot create a temporary run folder: " + e.getMessage());
        }
        try {
            SegTrainer trainer = new SegTrainer(config);
            if (listener != null) {
                trainer.withListener(listener);
            }
            SegTrainer.Run run = trainer.train(SegTrainer.cases(train), List.of(), dir, false);
            List<CaseMetrics> metrics = SegEvaluation.evaluate(run.model(), SegTrainer.cases(test), false, 0.5);
            return new FewSliceTraining(run, fold, List.copyOf(test), metrics);
        } finally {
            AtomicFiles.deleteTreeQuietly(dir);
        }
    }

    /** True when no training slice is also a test slice (checked, not assumed). */
    public boolean leakFree() {
        Set<String> t = new HashSet<>(fold.train());
        return test.stream().noneMatch(s -> t.contains(s.id()));
    }

    @Override
    public void close() {
        run.close();
    }
}
