package org.segforge.nn.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.DataException;
import org.segforge.core.SharedData;
import org.segforge.core.data.Case;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.io.ImageFiles;
import org.segforge.nn.data.HostBatch;
import org.segforge.nn.train.Provenance;

/**
 * M0 training on a real example: the 64×64 BrainWeb T1 crop with its 4-class tissue map (see
 * {@link UNetOverfitTest}), a tiny U-Net, whole-crop patches.
 */
class SegTrainerTest {
    @TempDir
    Path tmp;

    static Case brainweb() throws Exception {
        float[][] ex = UNetOverfitTest.brainwebCrop();
        int n = UNetOverfitTest.N;
        return Case.of("brainweb", Volume.image2d(n, n, ex[0]), Volume.image2d(n, n, ex[1]));
    }

    static SegTrainingConfig tiny(long steps) {
        SegTrainingConfig c = SegTrainingConfig.cpu(2, 1, 4);
        return c.withNet(c.net().withWidth(8, 64).withDepth(3)).withPatch(List.of(64, 64), 2)
            .withOptimizer("adam", 3e-3).withSteps(steps).withSeed(7);
    }

    @Test
    void configRoundTripsThroughJsonAndNamesBadValues() throws Exception {
        for (SegTrainingConfig c : List.of(SegTrainingConfig.cpu(2, 1, 2), SegTrainingConfig.paper(3, 2, 5), tiny(9).withAugment("stacked"))) {
            assertThat(SegTrainingConfig.fromJson(c.toJson())).isEqualTo(c);
        }
        assertThatThrownBy(() -> SegTrainingConfig.cpu(2, 1, 2).withAugment("wobble")).hasMessageContaining("wobble");
        assertThatThrownBy(() -> SegTrainingConfig.cpu(2, 1, 2).withPatch(List.of(100, 128), 8)).hasMessageContaining("multiples of 8");
        assertThatThrownBy(() -> SegTrainingConfig.fromJson("{\"preset\":\"cpu\"}")).isInstanceOf(DataException.class);
    }

    @Test
    void lossFallsOnARealSliceAndTheSavedModelPredictsTheSame() throws Exception {
        Case c = brainweb();
        Path run = tmp.resolve("run");
        try (SegTrainer.Run r = new SegTrainer(tiny(30)).train(List.of(c), List.of(c), run, false)) {
            double[] loss = r.result().losses();
            assertThat(loss).hasSize(30);
            double first = (loss[0] + loss[1] + loss[2]) / 3, last = (loss[27] + loss[28] + loss[29]) / 3;
            assertThat(last).as("loss %s → %s", first, last).isLessThan(0.7 * first);
            assertThat(r.result().validations()).hasSize(1);
            assertThat(r.result().validations().get(0).metrics().get("dice")).isGreaterThan(0.3);
            for (String f : List.of("model.params", "config.json", "provenance.json", "log.jsonl", "log.csv")) {
                assertThat(run.resolve(f)).exists();
            }
            assertThat(Provenance.read(run.resolve("provenance.json")).config(SegTrainingConfig.class)).isEqualTo(tiny(30));
            Prediction before = r.model().predict(c.channels().get(0), false, 0.5);
            try (SegModel loaded = SegModel.load(run)) {
                Prediction after = loaded.predict(c.channels().get(0), false, 0.5);
                assertThat(after.labels().data()).containsExactly(before.labels().data());
                assertThat(after.probabilities().data()).containsExactly(before.probabilities().data());
            }
        }
        // a fresh run into a folder that holds one is refused, not overwritten
        assertThatThrownBy(() -> new SegTrainer(tiny(30)).train(List.of(c), List.of(), run, false).close())
            .isInstanceOf(DataException.class).hasMessageContaining("checkpoints");
    }

    @Test
    void resumedRunRepeatsTheUninterruptedLosses() throws Exception {
        Case c = brainweb();
        SegTrainingConfig cfg = tiny(6).withIntervals(0, 3).withAugment("stacked");
        Path run = tmp.resolve("resume");
        double[] full;
        try (SegTrainer.Run r = new SegTrainer(cfg).train(List.of(c), List.of(), run, false)) {
            full = r.result().losses();
        }
        // as if killed between step 3 and 6: only the step-3 checkpoint survives
        AtomicFiles.deleteTreeQuietly(run.resolve("checkpoints/step-000000006"));
        Files.delete(run.resolve("model.params"));
        try (SegTrainer.Run r = new SegTrainer(cfg).train(List.of(c), List.of(), run, true)) {
            assertThat(r.result().firstStep()).isEqualTo(3);
            assertThat(r.result().losses()).containsExactly(full[3], full[4], full[5]);
        }
    }

    @Test
    void threeDimensionalPatchBatchesHaveTensorShapes() throws Exception {
        Volume t1 = ImageFiles.readVolume(SharedData.file("colin27/ch2.nii.gz"));
        Volume aal = ImageFiles.readVolume(SharedData.file("colin27/aal.nii.gz"));
        float[] m = aal.data().clone();
        for (int i = 0; i < m.length; i++) {
            m[i] = m[i] > 0 ? 1 : 0; // every AAL region: a grey-matter mask
        }
        Case c = Case.of("colin27", t1, aal.withData(m));
        SegTrainingConfig cfg = SegTrainingConfig.cpu(3, 1, 2);
        cfg = cfg.withNet(cfg.net().withWidth(4, 16)).withPatch(List.of(32, 24, 16), 2).withSteps(2).withAugment("rotation");
        HostBatch b = new SegTrainer(cfg).batch(List.of(c), 0);
        assertThat(b.arrays().get(0).shape()).containsExactly(2, 1, 16, 24, 32);
        assertThat(b.arrays().get(1).shape()).containsExactly(2, 16, 24, 32);
        try (SegTrainer.Run r = new SegTrainer(cfg).train(List.of(c), List.of(), tmp.resolve("3d"), false)) {
            assertThat(r.result().losses()).hasSize(2);
            assertThat(java.util.Arrays.stream(r.result().losses()).allMatch(Double::isFinite)).isTrue();
        }
    }

    @Test
    void casesThatDoNotFitTheConfigAreNamed() throws Exception {
        Case c = brainweb();
        SegTrainingConfig twoClasses = SegTrainingConfig.cpu(2, 1, 2).withPatch(List.of(64, 64), 2).withSteps(1);
        assertThatThrownBy(() -> new SegTrainer(twoClasses).train(List.of(c), List.of(), tmp.resolve("x"), false))
            .isInstanceOf(DataException.class).hasMessageContaining("brainweb").hasMessageContaining("label value");
    }
}
