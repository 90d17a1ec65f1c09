package org.segforge.nn.wgan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.segforge.nn.OneTorchThread;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.Schedule;
import org.segforge.nn.train.StepContext;

@ExtendWith(OneTorchThread.class)
class WganStepTest {
    @Test
    void networksHaveTheShapesOfTheConfigIn2dAnd3d() {
        for (WganConfig c : List.of(TinyWgan.config2d(CriticVariant.GP), TinyWgan.config3d(CriticVariant.C_SN_MP))) {
            try (NDManager m = NDManager.newBaseManager()) {
                Generator g = new Generator(c);
                g.initialize(m, 1);
                Critic d = new Critic(c);
                d.initialize(m, 2);
                ParameterStore ps = new ParameterStore(m, false);
                NDArray fake = g.forward(ps, new NDList(WganStep.noise(m, new SplittableRandom(1), 3, c.latent())), true).singletonOrThrow();
                assertThat(fake.getShape()).isEqualTo(new Shape(TinyWgan.batchShape(c, 3)));
                assertThat(fake.abs().max().getFloat()).isLessThanOrEqualTo(1f);
                assertThat(d.forward(ps, new NDList(fake), false).singletonOrThrow().getShape()).isEqualTo(new Shape(3, 1));
                // BatchNorm running statistics are block parameters, not trained, and move in training mode
                List<Pair<String, Parameter>> running = g.getParameters().stream()
                        .filter(p -> p.getKey().toLowerCase().contains("running")).toList();
                assertThat(running).hasSize(8);
                assertThat(running).allMatch(p -> !p.getValue().requiresGradient());
                assertThat(running.get(0).getValue().getArray().abs().sum().getFloat()).isPositive();
            }
        }
    }

    @Test
    void theCriticHookRunsCriticStepsTimesOnDistinctRealSlicesThenTheGeneratorLearns() {
        WganConfig c = TinyWgan.config2d(CriticVariant.GP).withBatch(3, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            Generator g = new Generator(c);
            g.initialize(m, 1);
            Critic d = new Critic(c);
            d.initialize(m, 2);
            try (Player gp = new Player(WganStep.GENERATOR, g, OptimizerConfig.adam(Schedule.constant(2e-4), 0, 0.9), m);
                 Player cp = new Player(WganStep.CRITIC, d, OptimizerConfig.adam(Schedule.constant(4e-4), 0, 0.9), m);
                 NDManager scope = m.newSubManager()) {
                List<float[]> seen = new ArrayList<>();
                List<Integer> indices = new ArrayList<>();
                CriticUpdate counting = (ctx, index, critic, generator, real, fake) -> {
                    assertThat(real.getShape()).isEqualTo(fake.getShape());
                    assertThat(real.getShape().get(0)).isEqualTo(3);
                    seen.add(real.toFloatArray());
                    indices.add(index);
                    Map<String, Double> r = new LinkedHashMap<>();
                    r.put("loss", (double) index);
                    r.put("wasserstein", 1.0);
                    return r;
                };
                NDArray real = TinyWgan.uniform(scope, new SplittableRandom(4), TinyWgan.batchShape(c, 12));
                float[] before = g.getParameters().get(0).getValue().getArray().toFloatArray();
                float[] criticBefore = d.getParameters().get(0).getValue().getArray().toFloatArray();
                Map<String, Double> m1 = new WganStep(c, counting, Precision.resolve(c.variant(), m.getDevice()))
                        .run(new StepContext(0, scope, new SplittableRandom(9), List.of(cp, gp)), new NDList(real));
                assertThat(indices).containsExactly(0, 1, 2, 3);
                for (int i = 0; i < 4; i++) {
                    assertThat(seen.get(i)).isEqualTo(real.get(i * 3 + ":" + (i + 1) * 3).toFloatArray());
                }
                assertThat(m1.get("loss")).as("mean over the critic updates").isEqualTo(1.5);
                assertThat(m1).containsKeys("genLoss", "genGradNorm", "mixedPrecision");
                assertThat(g.getParameters().get(0).getValue().getArray().toFloatArray()).as("generator updated").isNotEqualTo(before);
                assertThat(d.getParameters().get(0).getValue().getArray().toFloatArray()).as("the critic only by its hook").isEqualTo(criticBefore);
                for (Pair<String, Parameter> p : d.getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        assertThat(p.getValue().getArray().getGradient().abs().sum().getFloat()).as("critic gradient cleared").isZero();
                    }
                }
            }
        }
    }

    @Test
    void spectralNormAdvancesExactlyOncePerCriticUpdate() {
        WganConfig c = TinyWgan.config2d(CriticVariant.SN);
        try (NDManager m = NDManager.newBaseManager()) {
            Critic d = new Critic(c);
            d.initialize(m, 2);
            Generator g = new Generator(c);
            g.initialize(m, 1);
            try (Player gp = new Player(WganStep.GENERATOR, g, OptimizerConfig.adam(Schedule.constant(2e-4), 0, 0.9), m);
                 Player cp = new Player(WganStep.CRITIC, d, OptimizerConfig.adam(Schedule.constant(4e-4), 0, 0.9), m);
                 NDManager scope = m.newSubManager()) {
                CriticLayer first = d.layers().get(0);
                NDArray w = first.weightParameter().getArray().duplicate();
                NDArray u0 = first.uParameter().getArray().duplicate();
                // one power-iteration step from the stored u on the weights before the update
                NDArray expected = u0.duplicate();
                SpectralNorm.sigma(w, expected, true);
                NDArray real = TinyWgan.uniform(scope, new SplittableRandom(4), TinyWgan.batchShape(c, c.batch()));
                NDArray fake = TinyWgan.uniform(scope, new SplittableRandom(5), TinyWgan.batchShape(c, c.batch()));
                new GpCriticUpdate(c).update(new StepContext(0, scope, new SplittableRandom(9), List.of(cp, gp)), 0, cp, gp, real, fake);
                assertThat(first.uParameter().getArray().toFloatArray()).isEqualTo(expected.toFloatArray());
                assertThat(first.weightParameter().getArray().toFloatArray()).as("and the weights were updated").isNotEqualTo(w.toFloatArray());
            }
        }
    }
}
