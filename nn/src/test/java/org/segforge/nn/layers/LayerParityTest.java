package org.segforge.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segforge.nn.TorchReference.array;
import static org.segforge.nn.TorchReference.caseNamed;
import static org.segforge.nn.TorchReference.maxAbsDiff;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.ExtendWith;
import org.segforge.nn.OneTorchThread;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Each layer against PyTorch 1.13 with the same weights: the reference outputs (and gradients)
 * were recorded by {@code src/test/resources/reference/make_layer_refs.py}, run with
 * /usr/bin/python3; the inputs and weights come from the same file.
 */
@ExtendWith(OneTorchThread.class)
class LayerParityTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static NDArray forward(Block block, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
    }

    private static void copy(Parameter p, NDArray value) {
        assertThat(p.getArray().getShape()).isEqualTo(value.getShape());
        p.getArray().set(value.toFloatArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"instance_norm_2d", "instance_norm_3d"})
    void instanceNormMatchesTorchValuesAndGradients(String name) {
        JsonNode c = caseNamed(name);
        NDArray x = array(manager, c, "x");
        InstanceNorm norm = new InstanceNorm((int) x.getShape().get(1));
        norm.initialize(manager, DataType.FLOAT32, x.getShape());
        copy(norm.getParameters().get("gamma"), array(manager, c, "gamma"));
        copy(norm.getParameters().get("beta"), array(manager, c, "beta"));
        x.setRequiresGradient(true);
        NDArray y;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            y = norm.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
            gc.backward(y.mul(array(manager, c, "r")).sum());
        }
        assertThat(maxAbsDiff(y, c.get("y"))).isLessThan(1e-5);
        assertThat(maxAbsDiff(x.getGradient(), c.get("dx"))).isLessThan(1e-4);
        assertThat(maxAbsDiff(norm.getParameters().get("gamma").getArray().getGradient(), c.get("dgamma"))).isLessThan(1e-4);
        assertThat(maxAbsDiff(norm.getParameters().get("beta").getArray().getGradient(), c.get("dbeta"))).isLessThan(1e-4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"instance_norm_2d", "instance_norm_3d"})
    void composedDefinitionMatchesTorchToo(String name) {
        JsonNode c = caseNamed(name);
        NDArray y = InstanceNorm.instanceNormComposed(array(manager, c, "x"), array(manager, c, "gamma"), array(manager, c, "beta"), 1e-5f);
        assertThat(maxAbsDiff(y, c.get("y"))).isLessThan(1e-5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv_norm_act_2d", "conv_norm_act_2d_stride2", "conv_norm_act_3d", "conv_norm_act_3d_stride2"})
    void convNormActMatchesTorch(String name) {
        JsonNode c = caseNamed(name);
        NDArray x = array(manager, c, "x");
        NDArray w = array(manager, c, "weight");
        int dims = (int) x.getShape().dimension() - 2;
        int stride = name.endsWith("stride2") ? 2 : 1;
        ConvNormAct block = new ConvNormAct(dims, (int) w.getShape().get(0), 3, stride);
        block.initialize(manager, DataType.FLOAT32, x.getShape());
        copy(block.conv().getParameters().get("weight"), w);
        copy(block.conv().getParameters().get("bias"), array(manager, c, "bias"));
        copy(block.norm().getParameters().get("gamma"), array(manager, c, "gamma"));
        copy(block.norm().getParameters().get("beta"), array(manager, c, "beta"));
        NDArray y = forward(block, x);
        assertThat(y.getShape()).isEqualTo(block.getOutputShapes(new Shape[] {x.getShape()})[0]);
        assertThat(maxAbsDiff(y, c.get("y"))).isLessThan(1e-4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"upsample_2d", "upsample_3d"})
    void pixelShuffleEqualsTransposedConvolution(String name) {
        JsonNode c = caseNamed(name);
        NDArray x = array(manager, c, "x");
        NDArray wt = array(manager, c, "weight"); // ConvTranspose weight (Cin, Cout, 2, 2[, 2])
        int dims = (int) x.getShape().dimension() - 2;
        long cin = wt.getShape().get(0), cout = wt.getShape().get(1);
        Upsample up = new Upsample(dims, (int) cout);
        up.initialize(manager, DataType.FLOAT32, x.getShape());
        // 1×1 weight row o·2^d + (sub-pixel offset) holds W[:, o, offset]: move Cin last, flatten.
        int[] order = dims == 2 ? new int[] {1, 2, 3, 0} : new int[] {1, 2, 3, 4, 0};
        long[] convShape = dims == 2 ? new long[] {cout * 4, cin, 1, 1} : new long[] {cout * 8, cin, 1, 1, 1};
        copy(up.conv().getParameters().get("weight"), wt.transpose(order).reshape(convShape));
        copy(up.getDirectParameters().get("bias"), array(manager, c, "bias"));
        NDArray y = forward(up, x);
        assertThat(y.getShape()).isEqualTo(up.getOutputShapes(new Shape[] {x.getShape()})[0]);
        assertThat(maxAbsDiff(y, c.get("y"))).isLessThan(1e-5);
    }

    @Test
    void nearestUpsampleDoublesEveryAxisAndKaimingInitIsSeeded() {
        Upsample a = new Upsample(3, 2, Upsample.Mode.NEAREST);
        Upsample b = new Upsample(3, 2, Upsample.Mode.NEAREST);
        Shape in = new Shape(1, 3, 2, 3, 4);
        a.initialize(manager, DataType.FLOAT32, in);
        b.initialize(manager, DataType.FLOAT32, in);
        a.initialise(new SplittableRandom(7));
        b.initialise(new SplittableRandom(7));
        NDArray x = manager.randomNormal(in);
        NDArray ya = forward(a, x);
        assertThat(ya.getShape()).isEqualTo(new Shape(1, 2, 4, 6, 8));
        assertThat(ya.toFloatArray()).containsExactly(forward(b, x).toFloatArray());
        // Kaiming: std of 2·3·27 = 162 fan-in weights ≈ √(2/1.0001)/√81 (3 in-channels × 27).
        float[] w = a.conv().getParameters().get("weight").getArray().toFloatArray();
        double ss = 0;
        for (float v : w) {
            ss += v * v;
        }
        assertThat(Math.sqrt(ss / w.length)).isBetween(0.10, 0.22); // expected 0.157
    }
}
