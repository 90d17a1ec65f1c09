package org.segforge.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our optimisers against torch.optim. Reference numbers: src/test/resources/reference/optimizers.py
 * run with /usr/bin/python3 (torch 1.13): five steps on loss = Σ w·(p − c)², float32.
 */
class OptimizerTest {
    private static final float[] P0 = {0.5f, -1.0f, 2.0f, 0.25f};
    private static final float[] C = {1.0f, 0.0f, -1.0f, 0.5f};
    private static final float[] W = {1.0f, 2.0f, 3.0f, 4.0f};

    private static float[] run(OptimizerConfig cfg, int steps) {
        try (NDManager m = NDManager.newBaseManager(); Optimizer opt = optimizer(m, cfg)) {
            NDArray p = m.create(P0);
            p.setRequiresGradient(true);
            try (Optimizer o = new Optimizer(cfg, List.of(new Pair<>("p", param(p))), m)) {
                for (int s = 0; s < steps; s++) {
                    step(m, p, o, s);
                }
            }
            return p.toFloatArray();
        }
    }

    private static Optimizer optimizer(NDManager m, OptimizerConfig cfg) {
        NDArray dummy = m.create(new float[] {0f});
        dummy.setRequiresGradient(true);
        return new Optimizer(cfg, List.of(new Pair<>("dummy", param(dummy))), m);
    }

    private static Parameter param(NDArray a) {
        return Parameter.builder().setName("p").setType(Parameter.Type.WEIGHT).optArray(a).build();
    }

    private static void step(NDManager m, NDArray p, Optimizer o, long s) {
        try (NDManager scope = m.newSubManager()) {
            NDArray c = scope.create(C);
            NDArray w = scope.create(W);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(p.sub(c).square().mul(w).sum());
            }
            o.step(s);
            o.zeroGradients();
        }
    }

    private static void assertClose(float[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], within(2e-6));
        }
    }

    @Test
    void adamMatchesTorch() {
        assertClose(run(OptimizerConfig.adam(Schedule.constant(0.1), 0.9, 0.999), 5),
            0.972185492515564, -0.5079637169837952, 1.5017794370651245, 0.6276039481163025);
    }

    @Test
    void adamWithL2MatchesTorch() {
        OptimizerConfig cfg = new OptimizerConfig(OptimizerConfig.Kind.ADAM, Schedule.constant(0.1), 0.9, 0.999, 1e-8, 0, false, 0.1, 0);
        assertClose(run(cfg, 5), 0.9657464623451233, -0.5079636573791504, 1.50179123878479, 0.6214739084243774);
    }

    @Test
    void adamWMatchesTorch() {
        assertClose(run(OptimizerConfig.adamW(Schedule.constant(0.1), 0.9, 0.999, 0.1), 5),
            0.941288948059082, -0.4699527323246002, 1.4140584468841553, 0.6150925755500793);
    }

    @Test
    void sgdNesterovMatchesTorch() {
        assertClose(run(OptimizerConfig.sgd(Schedule.constant(0.02), 0.9, true, 0.01), 5),
            0.7836920619010925, -0.035037435591220856, -1.6447012424468994, 0.5883398056030273);
    }

    @Test
    void sgdMomentumMatchesTorch() {
        assertClose(run(OptimizerConfig.sgd(Schedule.constant(0.02), 0.9, false, 0), 5),
            0.7388873100280762, -0.13412153720855713, -1.52016282081604, 0.6022186279296875);
    }

    @Test
    void clippingByGlobalNormMatchesTorch() {
        assertClose(run(OptimizerConfig.sgd(Schedule.constant(0.1), 0, false, 0).withClipNorm(1.0), 5),
            0.528160572052002, -0.8899229168891907, 1.5159313678741455, 0.30256131291389465);
    }

    @Test
    void updatesAreNotRecordedAndParameterStaysATrainableLeaf() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(P0);
            p.setRequiresGradient(true);
            try (Optimizer o = new Optimizer(OptimizerConfig.adam(Schedule.constant(0.1), 0.9, 0.999), List.of(new Pair<>("p", param(p))), m)) {
                step(m, p, o, 0);
                step(m, p, o, 1);
                // after in-place updates the gradient of a fresh backward is exactly 2w(p − c):
                // had the updates been recorded, p would no longer be a leaf and get no gradient
                float[] v = p.toFloatArray();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(p.sub(m.create(C)).square().mul(m.create(W)).sum());
                }
                float[] g = p.getGradient().toFloatArray();
                for (int i = 0; i < 4; i++) {
                    assertThat(g[i]).isCloseTo(2 * W[i] * (v[i] - C[i]), within(1e-5f));
                }
            }
        }
    }

    @Test
    void savedStateResumesBitExactly() throws IOException {
        OptimizerConfig cfg = OptimizerConfig.adam(Schedule.poly(0.1, 10), 0.9, 0.999);
        float[] straight = run(cfg, 6);
        byte[] state;
        float[] mid;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(P0);
            p.setRequiresGradient(true);
            try (Optimizer o = new Optimizer(cfg, List.of(new Pair<>("p", param(p))), m)) {
                for (int s = 0; s < 3; s++) {
                    step(m, p, o, s);
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                o.save(new DataOutputStream(bytes));
                state = bytes.toByteArray();
                mid = p.toFloatArray();
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(mid);
            p.setRequiresGradient(true);
            try (Optimizer o = new Optimizer(cfg, List.of(new Pair<>("p", param(p))), m)) {
                o.load(new DataInputStream(new ByteArrayInputStream(state)));
                assertThat(o.updates()).isEqualTo(3);
                for (int s = 3; s < 6; s++) {
                    step(m, p, o, s);
                }
            }
            assertThat(p.toFloatArray()).containsExactly(straight);
        }
    }

    @Test
    void stateOfAnotherKindIsRejected() throws IOException {
        try (NDManager m = NDManager.newBaseManager(); Optimizer adam = optimizer(m, OptimizerConfig.adam(Schedule.constant(0.1), 0.9, 0.99));
             Optimizer sgd = optimizer(m, OptimizerConfig.sgd(Schedule.constant(0.1), 0.9, false, 0))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            adam.save(new DataOutputStream(bytes));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sgd.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(IOException.class).hasMessageContaining("ADAM");
        }
    }
}
