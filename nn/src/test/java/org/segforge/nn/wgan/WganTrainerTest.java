package org.segforge.nn.wgan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.SharedData;
import org.segforge.nn.OneTorchThread;
import org.segforge.nn.data.HostArray;
import org.segforge.nn.train.StepRecord;
import org.segforge.nn.train.TrainingResult;

/** A tiny 2D WGAN on real Colin27 slices with the brain mask: training, resume, sampling. */
@ExtendWith(OneTorchThread.class)
class WganTrainerTest {
    /** 32×32 axial slices of Colin27 at 6 mm (30×36×30 voxels), tiny networks, batch 4, n_critic 2. */
    static final WganConfig CONFIG = WganConfig.cpu2d(CriticVariant.SN).withShape(List.of(32, 32), 16, 4, 4, 2, 6.0)
            .withBatch(4, 2).withSteps(6).withSeed(5);
    static PatchPairs data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        data = PatchPairs.colin27BrainMask(SharedData.file("colin27"), CONFIG);
    }

    @Test
    void patchPairsAreNormalisedPairsOfTheRealData() {
        assertThat(data.image().shape()).containsExactly(30, 36, 30);
        HostArray a = data.pairs("real", 8, new SplittableRandom(1));
        assertThat(a.shape()).containsExactly(8, 2, 32, 32);
        float[] v = a.data();
        int per = 32 * 32;
        long labelOn = 0;
        for (int i = 0; i < 8; i++) {
            for (int k = 0; k < per; k++) {
                assertThat(v[2 * i * per + k]).isBetween(-1f, 1f);
                float l = v[(2 * i + 1) * per + k];
                assertThat(l == -1f || l == 1f).isTrue();
                labelOn += l > 0 ? 1 : 0;
            }
        }
        assertThat(labelOn).as("slices through the brain").isGreaterThan(8 * per / 10);
        assertThat(data.pairs("real", 8, new SplittableRandom(1)).data()).isEqualTo(v);
        assertThat(data.fingerprint()).contains("ch2.nii.gz").contains("6.0 mm");
    }

    @Test
    void aFolderWithoutARunOrTheDpVariantWithoutItsUpdateAreRefused() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WganModel.load(tmp))
                .isInstanceOf(org.segforge.core.DataException.class).hasMessageContaining("provenance.json");
        try (NDManager m = NDManager.newBaseManager(); WganTrainer t = new WganTrainer(CONFIG.withVariant(CriticVariant.DP), m)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.loop(data, tmp, 0, List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CriticUpdate");
        }
    }

    @Test
    void trainsResumesIdenticallyAndSamplesDeterministically() throws Exception {
        Path full = tmp.resolve("full");
        Path parts = tmp.resolve("parts");
        TrainingResult a;
        List<SyntheticPair> fromTrainer;
        try (NDManager m = NDManager.newBaseManager(); WganTrainer t = new WganTrainer(CONFIG, m)) {
            a = t.loop(data, full, 3, List.of()).run();
            fromTrainer = t.model().sample(3, 42);
        }
        assertThat(a.steps()).hasSize(6);
        for (StepRecord r : a.steps()) {
            for (String k : List.of("loss", "wasserstein", "gp", "genLoss", "criticGradNorm", "genGradNorm", "inputGradNorm")) {
                assertThat(r.metrics().get(k)).as("%s at step %d", k, r.step()).isFinite();
            }
            assertThat(r.metrics().get("mixedPrecision")).isZero();
        }
        double w0 = a.steps().get(0).metrics().get("wasserstein");
        assertThat(a.steps().stream().mapToDouble(r -> r.metrics().get("wasserstein")))
                .as("the Wasserstein estimate moves").anyMatch(w -> Math.abs(w - w0) > 1e-3);
        assertThat(Files.readString(full.resolve(WganTrainer.RUN_FILE))).contains("\"precision\"").contains("float32");

        // the same run in two parts: 3 steps, then resume to 6
        try (NDManager m = NDManager.newBaseManager(); WganTrainer t = new WganTrainer(CONFIG.withSteps(3), m)) {
            t.loop(data, parts, 3, List.of()).run();
        }
        TrainingResult b;
        try (NDManager m = NDManager.newBaseManager(); WganTrainer t = new WganTrainer(CONFIG, m)) {
            b = t.loop(data, parts, 3, List.of()).resumeLatest().run();
        }
        assertThat(b.steps()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(b.steps().get(i).metrics()).as("resumed step %d", i + 3).isEqualTo(a.steps().get(i + 3).metrics());
        }

        try (WganModel model = WganModel.load(full)) {
            List<SyntheticPair> s1 = model.sample(3, 42);
            List<SyntheticPair> s2 = model.sample(3, 42);
            List<SyntheticPair> s3 = model.sample(3, 43);
            assertThat(s1).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(s1.get(i).image().data()).isEqualTo(s2.get(i).image().data());
                assertThat(s1.get(i).image().data()).as("loaded = trained generator, running statistics included")
                        .isEqualTo(fromTrainer.get(i).image().data());
                assertThat(s1.get(i).image().data()).isNotEqualTo(s3.get(i).image().data());
                assertThat(s1.get(i).image().shape()).containsExactly(32, 32, 1);
                assertThat(s1.get(i).image().spacing()).containsExactly(6.0, 6.0, 6.0);
                for (float v : s1.get(i).label().data()) {
                    assertThat(v == 0f || v == 1f).isTrue();
                }
                for (float v : s1.get(i).image().data()) {
                    assertThat(v).isBetween(0f, 1f);
                }
            }
        }
    }
}
