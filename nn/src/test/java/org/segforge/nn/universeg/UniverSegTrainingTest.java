package org.segforge.nn.universeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.DataException;
import org.segforge.nn.data.HostBatch;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.StepContext;
import org.segforge.nn.train.TrainingResult;

class UniverSegTrainingTest {
    static final Path DEMO = Path.of("../data/demo");

    @Test
    void colin27TasksCoverEveryFamilyAndGiveNormalisedPairsWithForeground() throws DataException {
        Colin27Tasks colin = Colin27Tasks.load(DEMO, 60);
        for (String f : List.of("aal", "brainmask", "lesion", "brodmann")) {
            assertFalse(colin.tasks().get(f).isEmpty(), f);
        }
        // 116 AAL regions on 3 axes, minus the region/axis pairs with fewer than two usable slices
        assertTrue(colin.tasks().get("aal").size() > 300, "aal tasks: " + colin.tasks().get("aal").size());
        assertEquals(3, colin.tasks().get("brainmask").size());
        List<EpisodeTask> train = colin.of(Set.of("aal", "brainmask", "lesion"));
        assertTrue(train.stream().noneMatch(t -> t.family().equals("brodmann")));
        SplittableRandom r = new SplittableRandom(4);
        for (EpisodeTask t : List.of(colin.tasks().get("aal").get(0), colin.tasks().get("lesion").get(0))) {
            Pair2d p = t.episode(r, 64).next(r);
            assertTrue(p.foreground() > 0, t.name());
            float lo = 1, hi = 0;
            for (float v : p.image()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            assertEquals(0f, lo, 1e-6f);
            assertEquals(1f, hi, 1e-6f);
        }
    }

    @Test
    void boundaryKeepsOnlyTheRimAndFlipsAreInvolutions() {
        int s = 6;
        float[] sq = new float[s * s];
        for (int y = 1; y < 5; y++) {
            for (int x = 1; x < 5; x++) {
                sq[x + s * y] = 1;
            }
        }
        float[] b = TaskAugmentation.boundary(sq, s);
        int n = 0;
        for (float v : b) {
            n += (int) v;
        }
        assertEquals(12, n); // a 4×4 square's rim
        assertEquals(0f, b[2 + s * 2]);
        Pair2d p = new Pair2d(s, sq.clone(), sq.clone());
        TaskAugmentation flip = new TaskAugmentation(true, true, false, false);
        assertArrayEquals(p.image(), flip.apply(flip.apply(p)).image());
    }

    @Test
    void episodesHaveTheAnnouncedShapesAndAreReproducible() {
        EpisodeMaker maker = new EpisodeMaker(List.of(new SyntheticTask("a"), new SyntheticTask("b")), 16, 3, 5, true);
        HostBatch one = maker.make(7, new SplittableRandom(9));
        HostBatch two = maker.make(7, new SplittableRandom(9));
        long n = one.arrays().get(1).shape()[1];
        assertTrue(n >= 1 && n <= 5);
        assertArrayEquals(new long[] {3, n, 1, 16, 16}, one.arrays().get(2).shape());
        assertArrayEquals(new long[] {3, 1, 16, 16}, one.arrays().get(3).shape());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(one.arrays().get(i).data(), two.arrays().get(i).data());
        }
    }

    @Test
    void trainingStepsLowerTheLossOnAFixedEpisodeBatch() {
        UniverSegConfig cfg = new UniverSegConfig(16, List.of(8, 8, 8), List.of(8, 8), 4);
        UniverSegTrainConfig tc = new UniverSegTrainConfig(cfg, 4, 4, 40, 1e-2, 0, 3, 1, false, 0);
        HostBatch fixed = new EpisodeMaker(List.of(new SyntheticTask("a")), 16, 4, 4, false).make(0, new SplittableRandom(2));
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSeg net = new UniverSeg(cfg);
            net.initialize(m, 3);
            try (Player p = new Player(UniverSegTraining.PLAYER, net, UniverSegTraining.optimizer(tc), m)) {
                List<Double> losses = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    try (NDManager s = m.newSubManager()) {
                        NDList b = fixed.toNDList(s);
                        Map<String, Double> r = UniverSegTraining.step().run(new StepContext(i, s, new SplittableRandom(i), List.of(p)), b);
                        losses.add(r.get("loss"));
                    }
                }
                assertTrue(losses.get(11) < losses.get(0) - 0.02, "loss " + losses);
            }
        }
    }

    @Test
    void theLoopWritesCheckpointsAndProvenance(@TempDir Path out) throws DataException {
        UniverSegConfig cfg = new UniverSegConfig(16, List.of(4, 4, 4), List.of(4, 4), 4);
        UniverSegTrainConfig tc = new UniverSegTrainConfig(cfg, 2, 3, 4, 1e-3, 0, 3, 1, true, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSegTraining.Run run = UniverSegTraining.build(tc, List.of(new SyntheticTask("a")),
                    List.of(new SyntheticTask("held")), "test", out, 2, 4, List.of(), m);
            TrainingResult r = run.loop().run();
            assertEquals(4, r.completedSteps());
            assertEquals(1, r.validations().size());
            double dice = r.validations().get(0).metrics().get("dice");
            assertTrue(dice >= 0 && dice <= 1);
            assertTrue(Files.exists(out.resolve("provenance.json")));
            assertTrue(run.loop().checkpoints().latest().isPresent());
            run.player().close();
        }
    }
}
