package org.segforge.nn.universeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segforge.core.DataException;

class UniverSegTest {
    static final UniverSegConfig SMALL = new UniverSegConfig(16, List.of(4, 6, 6), List.of(6, 4), 8);

    static NDArray random(NDManager m, SplittableRandom r, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        return m.create(v, new Shape(shape));
    }

    @Test
    void paperPresetHasTheReferenceParameterCountLessItsUnusedConv() {
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSeg net = new UniverSeg(UniverSegConfig.paper());
            net.initialize(m, 1);
            // Reference v1, counted by hand from its layers (3×3 convs with bias, F = 64):
            //   enc0  cross (1+2)·64·9+64 = 1 792, query and support convs 2·(64·64·9+64) = 73 856
            //   enc1-3 cross 128·64·9+64 = 73 792 + 73 856, three times
            //   dec×3 cross 256·64·9+64 = 147 520 + 73 856
            //   head 64+1 = 65                                  total 1 182 785 (≈1.18 M, as published)
            // Ours leaves out the last decoder's support conv, whose output the reference drops:
            // 1 182 785 − 36 928 = 1 145 857.
            assertEquals(1_182_785L - 36_928L, net.parameterCount());
        }
    }

    @Test
    void splitCrossConvEqualsTheConcatenatedConvolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            SplittableRandom r = new SplittableRandom(3);
            CrossConv cc = new CrossConv(3, 5, 7);
            cc.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3, 8, 8), new Shape(1, 1, 5, 8, 8));
            cc.initialise(r);
            cc.bias().getArray().set(random(m, r, 7).toFloatArray());
            NDArray u = random(m, r, 2, 3, 8, 8);
            NDArray v = random(m, r, 2, 4, 5, 8, 8);
            NDArray fast = cc.forward(new ParameterStore(m, false), new NDList(u, v), false).singletonOrThrow();
            // the reference's way: repeat u for every support entry, concatenate, one convolution
            NDArray uRep = u.expandDims(1).repeat(1, 4).reshape(8, 3, 8, 8);
            NDArray cat = uRep.concat(v.reshape(8, 5, 8, 8), 1);
            NDArray naive = Conv2d.conv2d(cat, cc.weight().getArray(), cc.bias().getArray(), new Shape(1, 1), new Shape(1, 1))
                    .singletonOrThrow().reshape(2, 4, 7, 8, 8);
            assertArrayEquals(naive.toFloatArray(), fast.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void outputDoesNotDependOnTheOrderOfTheSupport() {
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSeg net = new UniverSeg(SMALL);
            net.initialize(m, 7);
            SplittableRandom r = new SplittableRandom(11);
            NDArray x = random(m, r, 2, 1, 16, 16);
            NDArray si = random(m, r, 2, 5, 1, 16, 16);
            NDArray sl = random(m, r, 2, 5, 1, 16, 16).gt(0.5f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            ParameterStore ps = new ParameterStore(m, false);
            float[] a = net.predictLogits(ps, x, si, sl, false).toFloatArray();
            NDArray perm = m.create(new int[] {3, 0, 4, 2, 1});
            float[] b = net.predictLogits(ps, x, si.get(":, {}", perm), sl.get(":, {}", perm), false).toFloatArray();
            assertArrayEquals(a, b, 1e-5f);
            // the training-mode pass (no early release of intermediates) computes the same
            float[] c = net.predictLogits(ps, x, si, sl, true).toFloatArray();
            assertArrayEquals(a, c, 1e-5f);
            // and a different support really changes the answer (the test can fail)
            float[] d = net.predictLogits(ps, x, si.get(":, 0:4"), sl.get(":, 0:4"), false).toFloatArray();
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                diff = Math.max(diff, Math.abs(a[i] - d[i]));
            }
            org.junit.jupiter.api.Assertions.assertTrue(diff > 1e-4, "support must matter, max diff " + diff);
        }
    }

    @Test
    void acceptsAnySupportSize() {
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSeg net = new UniverSeg(SMALL);
            net.initialize(m, 7);
            SplittableRandom r = new SplittableRandom(5);
            ParameterStore ps = new ParameterStore(m, false);
            for (int n : new int[] {1, 2, 7, 64}) {
                try (NDManager s = m.newSubManager()) {
                    NDArray out = net.predictLogits(ps, random(s, r, 1, 1, 16, 16), random(s, r, 1, n, 1, 16, 16),
                            random(s, r, 1, n, 1, 16, 16), false);
                    assertEquals(new Shape(1, 1, 16, 16), out.getShape());
                }
            }
            assertThrows(IllegalArgumentException.class, () -> net.predictLogits(ps, random(m, r, 1, 1, 16, 16),
                    random(m, r, 1, 0, 1, 16, 16), random(m, r, 1, 0, 1, 16, 16), false));
            assertThrows(IllegalArgumentException.class, () -> net.predictLogits(ps, random(m, r, 1, 1, 10, 10),
                    random(m, r, 1, 2, 1, 10, 10), random(m, r, 1, 2, 1, 10, 10), false));
        }
    }

    @Test
    void configJsonRoundTripAndPresets() throws DataException {
        for (UniverSegConfig c : List.of(UniverSegConfig.paper(), UniverSegConfig.cpu(), SMALL)) {
            assertEquals(c, UniverSegConfig.fromJson(c.toJson()));
        }
        assertEquals(UniverSegConfig.paper(), UniverSegConfig.preset("PAPER"));
        assertEquals(128, UniverSegConfig.paper().size());
        assertThrows(DataException.class, () -> UniverSegConfig.fromJson("{\"size\":10,\"encoder\":[4,4,4],\"decoder\":[4,4],\"maxSupport\":1}"));
        assertThrows(IllegalArgumentException.class, () -> new UniverSegConfig(16, List.of(4, 4), List.of(), 1));
    }
}
