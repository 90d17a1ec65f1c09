package org.segforge.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam, AdamW or SGD (with optional Nesterov momentum) over a fixed list of parameters, with state
 * that can be saved and restored exactly — DJL's built-in optimisers keep theirs private, which
 * makes a bit-exact resume impossible.
 *
 * <p>Updates run in place on the parameter arrays outside any {@code GradientCollector}, where the
 * engine's grad mode is off, so they are not recorded (checked by OptimizerTest). The moment
 * buffers live in a manager owned by this optimiser; every temporary of an update lives in an
 * {@link NDScope} closed at its end, so memory stays flat over any number of steps.
 */
public final class Optimizer implements AutoCloseable {
    private final OptimizerConfig config;
    private final List<String> names = new ArrayList<>();
    private final List<NDArray> params = new ArrayList<>();
    /** Adam: first moments; SGD: momentum buffers; null entries for plain SGD. */
    private final NDArray[] first;
    /** Adam: second moments. */
    private final NDArray[] second;
    private final NDManager stateManager;
    private long updates;

    /**
     * @param config     the update rule and schedule
     * @param parameters the trainable parameters (name, parameter), already initialised; the
     *                   names identify the state in a checkpoint
     * @param parent     a manager whose sub-manager will own the state
     */
    public Optimizer(OptimizerConfig config, List<Pair<String, Parameter>> parameters, NDManager parent) {
        if (config == null || parameters == null || parent == null) {
            throw new IllegalArgumentException("optimizer needs a config, parameters and a manager");
        }
        this.config = config;
        for (Pair<String, Parameter> p : parameters) {
            if (!p.getValue().isInitialized()) {
                throw new IllegalArgumentException("parameter " + p.getKey() + " is not initialised: initialise the block first");
            }
            if (p.getValue().requiresGradient()) {
                names.add(p.getKey());
                params.add(p.getValue().getArray());
            }
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException("no trainable parameters");
        }
        stateManager = parent.newSubManager();
        boolean adam = config.kind() != OptimizerConfig.Kind.SGD;
        boolean momentum = adam || config.momentum() > 0;
        first = new NDArray[params.size()];
        second = new NDArray[params.size()];
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            if (momentum) {
                first[i] = stateManager.zeros(p.getShape(), p.getDataType(), p.getDevice());
            }
            if (adam) {
                second[i] = stateManager.zeros(p.getShape(), p.getDataType(), p.getDevice());
            }
        }
    }

    public OptimizerConfig config() {
        return config;
    }

    /** Updates applied so far (Adam's bias correction uses it). */
    public long updates() {
        return updates;
    }

    /** Names of the trained parameters, in update order. */
    public List<String> parameterNames() {
        return List.copyOf(names);
    }

    /** Sets every gradient to zero: gradients accumulate across backward passes until then. */
    public void zeroGradients() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (NDArray p : params) {
                NDArray g = p.getGradient();
                g.muli(0f);
            }
        }
    }

    /**
     * Applies one update with the learning rate of {@code step}, after clipping the global
     * gradient norm if configured. Does not zero the gradients.
     *
     * @return the global L2 norm of the gradients before clipping
     */
    public double step(long step) {
        double lr = config.schedule().lr(step);
        double norm;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray[] grads = new NDArray[params.size()];
            double sq = 0;
            for (int i = 0; i < grads.length; i++) {
                grads[i] = params.get(i).getGradient();
                sq += grads[i].square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
            }
            norm = Math.sqrt(sq);
            if (config.clipNorm() > 0 && norm > config.clipNorm()) {
                // torch.nn.utils.clip_grad_norm_ uses the same 1e-6 guard
                float scale = (float) (config.clipNorm() / (norm + 1e-6));
                for (NDArray g : grads) {
                    g.muli(scale);
                }
            }
            long t = updates + 1;
            for (int i = 0; i < grads.length; i++) {
                switch (config.kind()) {
                    case ADAM, ADAMW -> adam(i, grads[i], lr, t);
                    case SGD -> sgd(i, grads[i], lr);
                }
            }
        }
        updates++;
        return norm;
    }

    private void adam(int i, NDArray grad, double lr, long t) {
        NDArray p = params.get(i);
        double b1 = config.beta1();
        double b2 = config.beta2();
        NDArray g = grad;
        if (config.weightDecay() > 0) {
            if (config.kind() == OptimizerConfig.Kind.ADAMW) {
                p.muli((float) (1 - lr * config.weightDecay()));
            } else {
                g = grad.add(p.mul((float) config.weightDecay()));
            }
        }
        first[i].muli((float) b1).addi(g.mul((float) (1 - b1)));
        second[i].muli((float) b2).addi(g.square().muli((float) (1 - b2)));
        double bc1 = 1 - Math.pow(b1, t);
        double bc2 = 1 - Math.pow(b2, t);
        // as torch.optim.Adam: p -= lr/bc1 · m / (sqrt(v)/sqrt(bc2) + eps)
        NDArray denom = second[i].sqrt().divi((float) Math.sqrt(bc2)).addi((float) config.eps());
        p.subi(first[i].div(denom).muli((float) (lr / bc1)));
    }

    private void sgd(int i, NDArray grad, double lr) {
        NDArray p = params.get(i);
        NDArray g = config.weightDecay() > 0 ? grad.add(p.mul((float) config.weightDecay())) : grad;
        NDArray d = g;
        if (config.momentum() > 0) {
            // buffer starts at 0, so the first update gives buf = g, as torch.optim.SGD
            first[i].muli((float) config.momentum()).addi(g);
            d = config.nesterov() ? g.add(first[i].mul((float) config.momentum())) : first[i];
        }
        p.subi(d.mul((float) lr));
    }

    /** Writes the update count and every state buffer, keyed by parameter name. */
    public void save(DataOutputStream out) throws IOException {
        out.writeUTF(config.kind().name());
        out.writeLong(updates);
        out.writeInt(params.size());
        for (int i = 0; i < params.size(); i++) {
            out.writeUTF(names.get(i));
            ArrayIO.writeOptional(out, first[i]);
            ArrayIO.writeOptional(out, second[i]);
        }
    }

    /**
     * Restores what {@link #save} wrote, for the same parameters.
     *
     * @throws IOException if the stream does not match this optimiser's parameters or kind
     */
    public void load(DataInputStream in) throws IOException {
        String kind = in.readUTF();
        if (!kind.equals(config.kind().name())) {
            throw new IOException("optimizer state is for " + kind + ", this optimizer is " + config.kind());
        }
        long u = in.readLong();
        int n = in.readInt();
        if (n != params.size()) {
            throw new IOException("optimizer state has " + n + " parameters, expected " + params.size());
        }
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            if (!name.equals(names.get(i))) {
                throw new IOException("optimizer state parameter " + i + " is " + name + ", expected " + names.get(i));
            }
            ArrayIO.readOptionalInto(in, first[i], name + " (first moment)");
            ArrayIO.readOptionalInto(in, second[i], name + " (second moment)");
        }
        updates = u;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
