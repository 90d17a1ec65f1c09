package org.segforge.nn.seg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain Adam update for tests (the project's optimisers live in nn/train): state in the model's
 * manager, temporaries in the caller's step manager, gradients zeroed after the update because the
 * engine does not clear them when a GradientCollector opens.
 */
final class TestAdam {
    private final List<Parameter> params = new ArrayList<>();
    private final List<NDArray> m1 = new ArrayList<>();
    private final List<NDArray> m2 = new ArrayList<>();
    private final float lr;
    private int t;

    TestAdam(Block block, NDManager stateManager, float lr) {
        this.lr = lr;
        for (var p : block.getParameters()) {
            params.add(p.getValue());
            m1.add(stateManager.zeros(p.getValue().getArray().getShape()));
            m2.add(stateManager.zeros(p.getValue().getArray().getShape()));
        }
    }

    void step(NDManager step) {
        t++;
        float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        float c1 = (float) (1 - Math.pow(b1, t)), c2 = (float) (1 - Math.pow(b2, t));
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            NDArray g = w.getGradient();
            g.attach(step);
            m1.get(i).muli(b1).addi(g.mul(1 - b1));
            m2.get(i).muli(b2).addi(g.square().mul(1 - b2));
            NDArray upd = m1.get(i).div(c1).div(m2.get(i).div(c2).sqrt().add(eps)).mul(lr);
            upd.attach(step);
            w.subi(upd);
            g.muli(0f);
        }
    }
}
