package org.segforge.nn.universeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same network, weights and inputs in PyTorch (naive concatenated CrossConv) and here (split
 * CrossConv) give the same logits. Reference files written by
 * {@code /usr/bin/python3 src/test/resources/reference/universeg_torch_bench.py export universeg_parity 16 6 3}
 * (torch 1.13, seed 0; run in src/test/resources/reference).
 */
class UniverSegTorchParityTest {
    private static float[] read(String name) throws IOException {
        try (InputStream in = UniverSegTorchParityTest.class.getResourceAsStream("/reference/universeg_parity/" + name)) {
            byte[] b = in.readAllBytes();
            float[] v = new float[b.length / 4];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }
    }

    @Test
    void logitsEqualTorchs() throws IOException {
        UniverSegConfig cfg = new UniverSegConfig(16, List.of(6, 6, 6, 6), List.of(6, 6, 6), 4);
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSeg net = new UniverSeg(cfg);
            net.initialize(m, 0);
            float[] all = read("params.bin");
            int at = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                NDArray a = p.getValue().getArray();
                int n = Math.toIntExact(a.size());
                float[] v = new float[n];
                System.arraycopy(all, at, v, 0, n);
                a.set(v);
                at += n;
            }
            assertEquals(all.length, at, "every torch parameter used exactly once");
            NDArray x = m.create(read("x.bin"), new Shape(1, 1, 16, 16));
            NDArray si = m.create(read("si.bin"), new Shape(1, 3, 1, 16, 16));
            NDArray sl = m.create(read("sl.bin"), new Shape(1, 3, 1, 16, 16));
            float[] out = net.predictLogits(new ParameterStore(m, false), x, si, sl, false).toFloatArray();
            float[] ref = read("out.bin");
            float scale = 0;
            for (float r : ref) {
                scale = Math.max(scale, Math.abs(r));
            }
            assertArrayEquals(ref, out, 1e-5f * Math.max(1f, scale));
        }
    }
}
