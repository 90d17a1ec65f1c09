package org.segforge.nn.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.segforge.nn.universeg.UniverSeg;
import org.segforge.nn.universeg.UniverSegConfig;

/**
 * Benchmark, not a test: median time of one UniverSeg inference (one query, support size N,
 * random weights) of the 4-level network with FEATURES per block (64 = the paper preset). The
 * naive PyTorch version is timed by {@code src/test/resources/reference/universeg_torch_bench.py};
 * {@code run_universeg_bench.sh} runs both, alternating, in one run.
 *
 * <p>Usage: {@code UniverSegBench N [SIZE FEATURES WARMUP REPEATS]}; prints
 * {@code djl N SIZE median min} in seconds.
 */
public final class UniverSegBench {
    private UniverSegBench() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int feats = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        UniverSegConfig cfg = new UniverSegConfig(size, List.of(feats, feats, feats, feats), List.of(feats, feats, feats), 64);
        List<Double> times = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSeg net = new UniverSeg(cfg);
            net.initialize(m, 0);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(0, 1, new Shape(1, 1, size, size));
            NDArray si = m.randomUniform(0, 1, new Shape(1, n, 1, size, size));
            NDArray sl = m.randomUniform(0, 1, new Shape(1, n, 1, size, size)).gt(0.5f).toType(DataType.FLOAT32, false);
            for (int i = 0; i < warmup + repeats; i++) {
                try (NDManager s = m.newSubManager()) {
                    long t0 = System.nanoTime();
                    NDArray out = net.predictLogits(ps, x, si, sl, false);
                    out.toFloatArray(); // forces the computation to finish
                    double t = (System.nanoTime() - t0) * 1e-9;
                    out.close();
                    if (i >= warmup) {
                        times.add(t);
                    }
                }
            }
        }
        Collections.sort(times);
        System.out.printf("djl %d %d %.4f %.4f%n", n, size, times.get(times.size() / 2), times.get(0));
    }
}
