package org.segforge.nn.universeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.segforge.core.DataException;
import org.segforge.nn.OneTorchThread;

/** The held-out evaluation on real Brodmann tasks: shared episodes, limits, scores, the three methods. */
@ExtendWith(OneTorchThread.class)
class HeldOutEvaluationTest {
    static List<EpisodeTask> brodmann;

    @BeforeAll
    static void load() throws DataException {
        brodmann = Colin27Tasks.load(Path.of("../data/demo"), 150).of(Colin27Tasks.HELD_OUT);
    }

    @Test
    void copyBaselineAtGapZeroScoresWhatTheOriginalEvaluationScored() {
        int[] sizes = {1, 4, 16};
        HeldOutEvaluation.Result r = HeldOutEvaluation.run(brodmann, List.of(new HeldOutEvaluation.Method(new CopyMostSimilar(), 6)),
                sizes, new int[] {0}, null, 64, 7, null);
        assertEquals(120, r.tasks());
        for (int e = 0; e < 6; e++) {
            // the evaluation's loop before it was restructured (same seed layout, sampler with replacement)
            SplittableRandom rng = new SplittableRandom(7 * 1_000_003L + e);
            EpisodeTask task = brodmann.get(rng.nextInt(brodmann.size()));
            EpisodeTask.Sampler sampler = task.episode(rng.split(), 64);
            Pair2d query = sampler.next(rng);
            List<Pair2d> support = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                support.add(sampler.next(rng));
            }
            for (int k = 0; k < sizes.length; k++) {
                float[] copied = CopyMostSimilar.mostSimilar(query.image(), support.subList(0, sizes[k])).label();
                assertEquals(HeldOutEvaluation.dice(copied, query.label()), r.row("copy most similar", 0, sizes[k]).dice()[e], 0.0);
            }
        }
    }

    @Test
    void methodsShareEpisodesAndExpensiveOnesRunOnTheFirstOnly() {
        try (UniverSegModel model = UniverSegModel.untrained(UniverSegConfig.cpu(), 3)) {
            UniverSegMethod useg = new UniverSegMethod(model, 1);
            List<HeldOutEvaluation.Method> methods = List.of(new HeldOutEvaluation.Method(new CopyMostSimilar(), 4),
                    new HeldOutEvaluation.Method(useg, 2));
            int[] calls = {0};
            HeldOutEvaluation.Result r = HeldOutEvaluation.run(brodmann, methods, new int[] {1, 2, 8}, new int[] {0, 5}, null, 64, 11,
                    () -> calls[0]++);
            assertEquals(HeldOutEvaluation.calls(methods, new int[] {1, 2, 8}, new int[] {0, 5}), calls[0]);
            assertEquals(2 * 2 * 3, r.rows().size());
            // 8 supports with gap 5 need 17 slices: 108 of the 120 tasks have ≥ 17 (numpy count as in EpisodeProtocolTest)
            assertEquals(17, new EpisodeProtocol(5, 8).requiredSlices());
            assertEquals(108, r.tasks());
            HeldOutEvaluation.Row u = r.row("UniverSeg", 5, 8), c = r.row("copy most similar", 5, 8);
            assertEquals(2, u.episodes());
            assertEquals(4, c.episodes());
            assertTrue(u.medianSeconds() > 0);
            // UniverSeg's Dice per episode is what the model predicts on the episode the protocol draws
            EpisodeProtocol.Episode ep = new EpisodeProtocol(5, 8).draw(
                    EpisodeProtocol.qualifying(brodmann, List.of(new EpisodeProtocol(0, 8), new EpisodeProtocol(5, 8))), 11, 1, 64);
            assertEquals(HeldOutEvaluation.dice(model.predict(ep.query().image(), ep.support(2)), ep.query().label()),
                    r.row("UniverSeg", 5, 2).dice()[1], 1e-12);
            double[] t = HeldOutEvaluation.timing(useg, ep, new int[] {1, 8}, 2, 1);
            assertEquals(2, t.length);
            assertTrue(t[0] > 0 && t[1] > 0);
            assertThrows(IllegalArgumentException.class, () -> r.merge(r));
            HeldOutEvaluation.Result other = new HeldOutEvaluation.Result(r.tasks(), r.candidateTasks(), 64, 12, List.of());
            assertThrows(IllegalArgumentException.class, () -> r.merge(other));
        }
    }

    @Test
    void aRunNoTaskQualifiesForIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HeldOutEvaluation.run(brodmann,
                List.of(new HeldOutEvaluation.Method(new CopyMostSimilar(), 1)), new int[] {1, 500}, new int[] {1}, null, 64, 1, null));
        assertThrows(IllegalArgumentException.class, () -> HeldOutEvaluation.run(brodmann,
                List.of(new HeldOutEvaluation.Method(new CopyMostSimilar(), 1)), new int[] {4, 2}, new int[] {1}, null, 64, 1, null));
    }

    @Test
    void copyMostSimilarPicksTheClosestImage() {
        Pair2d a = new Pair2d(2, new float[] {0, 0, 0, 0}, new float[] {1, 0, 0, 0});
        Pair2d b = new Pair2d(2, new float[] {1, 1, 1, 0}, new float[] {0, 1, 1, 1});
        assertArrayEquals(b.label(), new CopyMostSimilar().segment(new float[] {1, 1, 0.8f, 0}, List.of(a, b), 0));
        assertArrayEquals(a.label(), new CopyMostSimilar().segment(new float[] {0, 0.2f, 0, 0}, List.of(a, b), 0));
    }

    @Test
    void supervisedUNetLearnsItsSupportAndIsSeeded() {
        EpisodeProtocol p = new EpisodeProtocol(1, 4);
        EpisodeProtocol.Episode ep = p.draw(EpisodeProtocol.qualifying(brodmann, List.of(p)), 5, 0, 32);
        SupervisedUNet unet = new SupervisedUNet(SupervisedUNet.config(32, 40));
        // the query among its own supports: after 40 steps the U-Net must reproduce it well
        List<Pair2d> support = List.of(ep.query(), ep.support().get(0));
        float[] a = unet.segment(ep.query().image(), support, 3);
        assertEquals(32 * 32, a.length);
        for (float v : a) {
            assertTrue(v == 0f || v == 1f);
        }
        double dice = HeldOutEvaluation.dice(a, ep.query().label());
        assertTrue(dice > 0.5, "Dice on a training image " + dice);
        assertArrayEquals(a, unet.segment(ep.query().image(), support, 3));
        assertThrows(IllegalArgumentException.class, () -> new SupervisedUNet(SupervisedUNet.config(64, 5)).segment(ep.query().image(), support, 1));
    }
}
