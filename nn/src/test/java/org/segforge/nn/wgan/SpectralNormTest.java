package org.segforge.nn.wgan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.SplittableRandom;
import org.ejml.simple.SimpleMatrix;
import org.ejml.simple.SimpleSVD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.segforge.nn.OneTorchThread;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.Schedule;

@ExtendWith(OneTorchThread.class)
class SpectralNormTest {
    @Test
    void powerIterationConvergesToTheLargestSingularValue() {
        // a conv weight (out 8, in 3, 4×4): σ of its (8, 48) matrix against EJML's SVD in double
        SplittableRandom rng = new SplittableRandom(7);
        float[] w = new float[8 * 3 * 4 * 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextGaussian();
        }
        SimpleMatrix a = new SimpleMatrix(8, 48);
        for (int i = 0; i < w.length; i++) {
            a.set(i / 48, i % 48, w[i]);
        }
        SimpleSVD<SimpleMatrix> svd = a.svd(true);
        double sigmaMax = svd.getSingleValue(0);
        for (int i = 1; i < 8; i++) {
            sigmaMax = Math.max(sigmaMax, svd.getSingleValue(i));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weight = m.create(w, new ai.djl.ndarray.types.Shape(8, 3, 4, 4));
            NDArray u = m.create(new float[] {1, 0, 0, 0, 0, 0, 0, 0});
            double first = SpectralNorm.sigma(weight, u, true).getFloat();
            double s = first;
            for (int k = 0; k < 200; k++) {
                s = SpectralNorm.sigma(weight, u, true).getFloat();
            }
            assertThat(first).as("one step is an under-estimate").isLessThan(sigmaMax);
            assertThat(s).isCloseTo(sigmaMax, org.assertj.core.data.Percentage.withPercentage(1e-3));
            // without update, u stays and σ is the same
            float[] uBefore = u.toFloatArray();
            double again = SpectralNorm.sigma(weight, u, false).getFloat();
            assertThat(u.toFloatArray()).containsExactly(uBefore);
            assertThat(again).isCloseTo(s, org.assertj.core.data.Percentage.withPercentage(1e-4));
            // the normalised weight has spectral norm ≈ 1
            NDArray wn = SpectralNorm.normalise(weight, u, false);
            SimpleMatrix b = new SimpleMatrix(8, 48);
            float[] wv = wn.toFloatArray();
            for (int i = 0; i < wv.length; i++) {
                b.set(i / 48, i % 48, wv[i]);
            }
            SimpleSVD<SimpleMatrix> svd2 = b.svd(true);
            double top = 0;
            for (int i = 0; i < 8; i++) {
                top = Math.max(top, svd2.getSingleValue(i));
            }
            assertThat(top).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void uAdvancesOnlyInTrainingAndSurvivesSaveAndLoad() throws Exception {
        WganConfig c = TinyWgan.config2d(CriticVariant.SN);
        try (NDManager m = NDManager.newBaseManager()) {
            Critic critic = new Critic(c);
            critic.initialize(m, 3);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = TinyWgan.uniform(m, new SplittableRandom(1), TinyWgan.batchShape(c, 2));
            NDArray u = critic.layers().get(0).uParameter().getArray();
            float[] u0 = u.toFloatArray();
            critic.forward(ps, new NDList(x), false);
            assertThat(u.toFloatArray()).as("inference does not move u").containsExactly(u0);
            for (int i = 0; i < 5; i++) {
                critic.forward(ps, new NDList(x), true);
            }
            float[] u5 = u.toFloatArray();
            assertThat(u5).as("training forwards move u").isNotEqualTo(u0);
            float[] out = critic.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Player p = new Player("critic", critic, OptimizerConfig.adam(Schedule.constant(1e-3), 0, 0.9), m)) {
                // 3 layers × (weight, bias, u): the optimiser trains the 6 weights and biases, not the 3 u
                assertThat(critic.getParameters().size()).isEqualTo(9);
                assertThat(p.optimizer().parameterNames()).as("u is not trained").hasSize(6);
                p.saveParameters(new DataOutputStream(bytes));
            }
            Critic other = new Critic(c);
            other.initialize(m, 99);
            try (Player p = new Player("critic", other, OptimizerConfig.adam(Schedule.constant(1e-3), 0, 0.9), m)) {
                p.loadParameters(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            }
            assertThat(other.layers().get(0).uParameter().getArray().toFloatArray()).containsExactly(u5);
            float[] out2 = other.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertThat(out2).containsExactly(out);
        }
    }
}
