package org.segforge.nn.universeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.DataException;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Volume;
import org.segforge.nn.OneTorchThread;
import org.segforge.nn.data.HostBatch;
import org.segforge.nn.train.Provenance;

/** The training-recipe settings: in-task augmentation strength and starting from a model's weights. */
@ExtendWith(OneTorchThread.class)
class UniverSegRecipeTest {
    @Test
    void inTaskSettingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new InTaskAugmentation(-1, 0.9, 1.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new InTaskAugmentation(5, 1.1, 0.9, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new InTaskAugmentation(5, 0, 1.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new InTaskAugmentation(5, 0.9, 1.1, 1.5));
        UniverSegConfig cfg = new UniverSegConfig(16, List.of(4, 4, 4), List.of(4, 4), 4);
        assertThrows(IllegalArgumentException.class, () -> new UniverSegTrainConfig(cfg, 1, 1, 1, 1e-3, 0, 1, 1, true, 0, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new UniverSegTrainConfig(cfg, 1, 1, 1, 1e-3, 0, 1, 1, true, 0,
                InTaskAugmentation.mild(), -1));
        // the ten-value form keeps the first model's augmentation
        assertEquals(InTaskAugmentation.standard(), new UniverSegTrainConfig(cfg, 1, 1, 1, 1e-3, 0, 1, 1, true, 0).inTask());
    }

    @Test
    void withoutSpatialAugmentationLabelsStayWhereTheyAre() {
        // gamma and noise change only the image; with no rotation or scaling the label must come back
        // unchanged, while the standard setting moves it in some of 20 draws
        Pair2d p = new SyntheticTask("s").episode(new SplittableRandom(4), 32).next(new SplittableRandom(5));
        InTaskAugmentation none = new InTaskAugmentation(0, 1, 1, 1);
        int moved = 0;
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(p.label(), EpisodeMaker.inTask(none.transform(), p, new SplittableRandom(i)).label());
            float[] l = EpisodeMaker.inTask(InTaskAugmentation.standard().transform(), p, new SplittableRandom(i)).label();
            moved += Arrays.equals(p.label(), l) ? 0 : 1;
        }
        assertTrue(moved >= 5, "the standard setting moved the label in " + moved + " of 20 draws");
    }

    @Test
    void episodeMakerUsesItsInTaskSetting() {
        List<EpisodeTask> tasks = List.of(new SyntheticTask("a"));
        HostBatch plain = new EpisodeMaker(tasks, 16, 2, 3, true, new InTaskAugmentation(0, 1, 1, 0), 0).make(1, new SplittableRandom(3));
        HostBatch strong = new EpisodeMaker(tasks, 16, 2, 3, true, new InTaskAugmentation(45, 0.6, 1.6, 1), 0).make(1, new SplittableRandom(3));
        // same draws of task, slices and task augmentation; only the per-image geometry differs
        assertArrayEquals(plain.arrays().get(1).shape(), strong.arrays().get(1).shape());
        assertFalse(Arrays.equals(plain.arrays().get(2).data(), strong.arrays().get(2).data()));
    }

    @Test
    void gapSamplerKeepsSupportsAwayFromTheQuery() {
        int n = 8;
        SliceTask task = numberedSlices(20, (z, i) -> (i * 7 + z) % 11);
        Volume image = task.image(), labels = task.labels();
        boolean sawNear = false;
        for (int gap : new int[] {0, 6}) {
            for (int seed = 0; seed < 30; seed++) {
                SplittableRandom r = new SplittableRandom(seed);
                EpisodeMaker.GapSampler sampler = new EpisodeMaker.GapSampler(task, n, gap, 1.0);
                int q = slice(sampler.next(r));
                for (int k = 0; k < 8; k++) {
                    int s = slice(sampler.next(r));
                    if (gap > 0) {
                        assertTrue(Math.abs(s - q) >= gap, "support " + s + " query " + q + " gap " + gap);
                    } else {
                        sawNear |= Math.abs(s - q) < 6;
                    }
                }
            }
        }
        assertTrue(sawNear, "gap 0 draws from all slices");
        // a task whose slices are all near the query falls back to all slices instead of failing
        SliceTask narrow = new SliceTask("n", "test", image, labels, Set.of(1), Axis.AXIAL, new int[] {4, 5, 6}, false);
        EpisodeMaker.GapSampler s = new EpisodeMaker.GapSampler(narrow, n, 6, 1.0);
        SplittableRandom r = new SplittableRandom(1);
        s.next(r);
        int back = slice(s.next(r));
        assertTrue(back >= 4 && back <= 6, "slice " + back);
    }

    @Test
    void familyWeightsDecideWhichTasksAreDrawn() {
        int n = 8;
        SliceTask slices = numberedSlices(20, (z, i) -> (i * 7 + z) % 11);
        List<EpisodeTask> tasks = List.of(new SyntheticTask("s"), slices);
        InTaskAugmentation none = new InTaskAugmentation(0, 1, 1, 0);
        // synthetic weight 0: every query is a slice of the test volume, whose labels are a prefix of ones
        EpisodeMaker onlySlices = new EpisodeMaker(tasks, n, 6, 2, false, none, 0, java.util.Map.of("synthetic", 0.0), 0);
        int synthetic = 0;
        for (int step = 0; step < 5; step++) {
            float[] q = onlySlices.make(step, new SplittableRandom(step)).arrays().get(3).data();
            for (int b = 0; b < 6; b++) {
                synthetic += isPrefix(q, b * n * n, n * n) ? 0 : 1;
            }
        }
        assertEquals(0, synthetic);
        // equal weights: both families show up in 30 episodes
        EpisodeMaker both = new EpisodeMaker(tasks, n, 6, 2, false, none, 0, java.util.Map.of(), 0);
        int seen = 0;
        for (int step = 0; step < 5; step++) {
            float[] q = both.make(step, new SplittableRandom(step)).arrays().get(3).data();
            for (int b = 0; b < 6; b++) {
                seen += isPrefix(q, b * n * n, n * n) ? 0 : 1;
            }
        }
        assertTrue(seen > 3 && seen < 27, "synthetic queries " + seen + " of 30");
        assertThrows(IllegalArgumentException.class,
                () -> new EpisodeMaker(tasks, n, 1, 1, false, none, 0, java.util.Map.of("synthetic", 0.0, "test", 0.0), 0));
        assertThrows(IllegalArgumentException.class, () -> new EpisodeMaker(tasks, n, 1, 1, false, none, 0, java.util.Map.of("test", -1.0), 0));
    }

    @Test
    void supportSelectionKeepsTheMostSimilarExamples() {
        // slice z is bright on its first 2z pixels, so image distance grows with slice distance
        int n = 8;
        SliceTask task = numberedSlices(30, (z, i) -> i < 2 * z ? 1 : 0);
        InTaskAugmentation none = new InTaskAugmentation(0, 1, 1, 0);
        EpisodeMaker select = new EpisodeMaker(List.of(task), n, 4, 12, false, none, 0, java.util.Map.of(), 3);
        EpisodeMaker all = new EpisodeMaker(List.of(task), n, 4, 12, false, none, 0, java.util.Map.of(), 0);
        double selected = 0, plain = 0;
        int countSelected = 0, countPlain = 0;
        java.util.Set<Long> sizes = new java.util.TreeSet<>();
        for (int step = 0; step < 40; step++) {
            HostBatch b = select.make(step, new SplittableRandom(step));
            long k = b.arrays().get(1).shape()[1];
            sizes.add(k);
            assertTrue(k >= 1 && k <= 3, "kept " + k);
            for (int e = 0; e < 4; e++) {
                int q = slicesOf(b.arrays().get(3).data(), e, 1, n)[0];
                int[] s = slicesOf(b.arrays().get(2).data(), e, (int) k, n);
                for (int i = 0; i < k; i++) {
                    selected += Math.abs(s[i] - q);
                    countSelected++;
                }
            }
            HostBatch p = all.make(step, new SplittableRandom(step));
            long m = p.arrays().get(1).shape()[1];
            for (int e = 0; e < 4; e++) {
                int q = slicesOf(p.arrays().get(3).data(), e, 1, n)[0];
                for (int s : slicesOf(p.arrays().get(2).data(), e, (int) m, n)) {
                    plain += Math.abs(s - q);
                    countPlain++;
                }
            }
        }
        assertEquals(Set.of(1L, 2L, 3L), sizes, "k is drawn in 1..3 per step");
        // random slices of 30 lie ~10 apart; the nearest few of up to 12 candidates lie about half as far
        // (n ≤ k keeps all candidates in about a sixth of the steps)
        assertTrue(selected / countSelected < 0.6 * plain / countPlain,
                "mean slice distance with selection " + selected / countSelected + ", without " + plain / countPlain);
    }

    /** The slice of each of the {@code k} labels of episode {@code e} (slice z has z + 1 foreground pixels). */
    private static int[] slicesOf(float[] labels, int e, int k, int n) {
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            int c = 0;
            for (int j = 0; j < n * n; j++) {
                c += labels[((e * k) + i) * n * n + j] > 0.5f ? 1 : 0;
            }
            out[i] = c - 1;
        }
        return out;
    }

    /**
     * {@code nz} axial 8×8 slices whose pixel i of slice z has the value {@code image(z, i)}; slice
     * z holds z + 1 foreground pixels, so a pair tells its slice ({@link #slice}).
     */
    private static SliceTask numberedSlices(int nz, java.util.function.IntBinaryOperator image) {
        int n = 8;
        float[] img = new float[n * n * nz], lab = new float[n * n * nz];
        for (int z = 0; z < nz; z++) {
            for (int i = 0; i < n * n; i++) {
                img[z * n * n + i] = image.applyAsInt(z, i);
                lab[z * n * n + i] = i <= z ? 1 : 0;
            }
        }
        return new SliceTask("t", "test", new Volume(n, n, nz, img, null), new Volume(n, n, nz, lab, null), Set.of(1),
                Axis.AXIAL, IntStream.range(0, nz).toArray(), false);
    }

    private static boolean isPrefix(float[] a, int from, int len) {
        int i = 0;
        while (i < len && a[from + i] > 0.5f) {
            i++;
        }
        boolean rest = true;
        for (int k = i; k < len; k++) {
            rest &= a[from + k] < 0.5f;
        }
        return i > 0 && rest;
    }

    private static int slice(Pair2d p) {
        int c = 0;
        for (float v : p.label()) {
            c += v > 0.5f ? 1 : 0;
        }
        return c - 1;
    }

    @Test
    void aRunCanStartFromAModelFoldersWeights(@TempDir Path dir) throws Exception {
        UniverSegConfig cfg = new UniverSegConfig(16, List.of(4, 4, 4), List.of(4, 4), 4);
        UniverSegTrainConfig first = new UniverSegTrainConfig(cfg, 2, 3, 2, 1e-2, 0, 3, 1, true, 1);
        Path out1 = dir.resolve("one");
        Path model = dir.resolve("model");
        float[] trained;
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSegTraining.Run run = UniverSegTraining.build(first, List.of(new SyntheticTask("a")), List.of(), "test", out1, 2, 0,
                    List.of(), m);
            run.loop().run();
            Files.createDirectories(model);
            Path ckpt = run.loop().checkpoints().latest().orElseThrow();
            Files.copy(ckpt.resolve(UniverSegModel.PARAMS), model.resolve(UniverSegModel.PARAMS));
            Files.copy(out1.resolve(Provenance.FILE), model.resolve(Provenance.FILE));
            trained = firstWeights(run.net());
            run.player().close();
        }
        // another seed initialises other random weights; --init replaces them with the model's
        UniverSegTrainConfig second = new UniverSegTrainConfig(cfg, 2, 3, 2, 1e-2, 0, 9, 1, true, 1, InTaskAugmentation.mild(), 3);
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSegTraining.Run fresh = UniverSegTraining.build(second, List.of(new SyntheticTask("a")), List.of(), "test",
                    dir.resolve("two"), 2, 0, List.of(), m);
            assertFalse(Arrays.equals(trained, firstWeights(fresh.net())));
            UniverSegTraining.Run init = UniverSegTraining.build(second, List.of(new SyntheticTask("a")), List.of(), "test",
                    dir.resolve("three"), 2, 0, List.of(), m, model);
            assertArrayEquals(trained, firstWeights(init.net()));
            init.loop().run();
            String prov = Files.readString(dir.resolve("three").resolve(Provenance.FILE));
            assertTrue(prov.contains("initialisedFrom") && prov.contains(model.toString()), prov);
            fresh.player().close();
            init.player().close();
            // a model of another shape is refused with the folder's name
            UniverSegConfig other = new UniverSegConfig(16, List.of(8, 4, 4), List.of(4, 4), 4);
            UniverSegTrainConfig wrong = new UniverSegTrainConfig(other, 2, 3, 2, 1e-2, 0, 9, 1, true, 1);
            DataException e = assertThrows(DataException.class, () -> UniverSegTraining.build(wrong, List.of(new SyntheticTask("a")),
                    List.of(), "test", dir.resolve("four"), 2, 0, List.of(), m, model));
            assertTrue(e.getMessage().contains("model"), e.getMessage());
            // the same widths at another input size take the weights: the network is fully convolutional
            UniverSegTrainConfig larger = new UniverSegTrainConfig(new UniverSegConfig(32, List.of(4, 4, 4), List.of(4, 4), 4),
                    2, 3, 2, 1e-2, 0, 9, 1, true, 1);
            UniverSegTraining.Run big = UniverSegTraining.build(larger, List.of(new SyntheticTask("a")), List.of(), "test",
                    dir.resolve("five"), 2, 0, List.of(), m, model);
            assertArrayEquals(trained, firstWeights(big.net()));
            big.player().close();
        }
    }

    @Test
    void aModelKnowsTheSupportSelectionItWasTrainedFor(@TempDir Path dir) throws Exception {
        UniverSegConfig cfg = new UniverSegConfig(16, List.of(4, 4, 4), List.of(4, 4), 4);
        UniverSegTrainConfig c = new UniverSegTrainConfig(cfg, 2, 3, 2, 1e-2, 0, 3, 1, true, 1, InTaskAugmentation.mild(), 0,
                EpisodeMaker.FAMILY_WEIGHTS, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSegTraining.Run run = UniverSegTraining.build(c, List.of(new SyntheticTask("a")), List.of(), "test", dir, 2, 0, List.of(), m);
            run.loop().run();
            run.player().close();
        }
        try (UniverSegModel model = UniverSegModel.load(run(dir))) {
            assertEquals(2, model.selectNearest());
        }
        try (UniverSegModel untrained = UniverSegModel.untrained(cfg, 1)) {
            assertEquals(0, untrained.selectNearest());
        }
    }

    /** The latest checkpoint folder of a run (it holds the weights and the provenance). */
    private static Path run(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir.resolve("checkpoints"))) {
            return s.sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private static float[] firstWeights(UniverSeg net) {
        return net.getParameters().get(0).getValue().getArray().toFloatArray();
    }
}
