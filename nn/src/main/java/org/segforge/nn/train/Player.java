package org.segforge.nn.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One optimised network of a training step: a DJL block with its own optimiser. A supervised
 * step has one player; a GAN step has a critic and a generator, each updated by its own rule.
 * The player owns its optimiser; the block (and the manager its parameters live in) stays the
 * caller's.
 */
public final class Player implements AutoCloseable {
    private final String name;
    private final Block block;
    private final Optimizer optimizer;
    private final ParameterStore store;

    /**
     * @param name    identifies the player in logs and checkpoints (e.g. "critic")
     * @param block   an initialised block
     * @param config  how its parameters are updated
     * @param manager the manager the block was initialised with; owns the optimiser state
     */
    public Player(String name, Block block, OptimizerConfig config, NDManager manager) {
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("player name must be letters, digits, _ or -: " + name);
        }
        if (block == null || !block.isInitialized()) {
            throw new IllegalArgumentException("player " + name + " needs an initialised block");
        }
        this.name = name;
        this.block = block;
        this.optimizer = new Optimizer(config, block.getParameters().stream().toList(), manager);
        // copy=false: the forward pass reads the parameter arrays themselves, so in-place updates
        // and restored values are seen without any synchronisation
        this.store = new ParameterStore(manager, false);
    }

    public String name() {
        return name;
    }

    public Block block() {
        return block;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Runs the block; inside a GradientCollector with {@code training} true to train. */
    public NDList forward(NDList input, boolean training) {
        return block.forward(store, input, training);
    }

    public void zeroGradients() {
        optimizer.zeroGradients();
    }

    /** One optimiser update with the learning rate of {@code step}; returns the gradient norm. */
    public double update(long step) {
        return optimizer.step(step);
    }

    /** Writes every parameter of the block (trainable or not, e.g. running statistics). */
    public void saveParameters(DataOutputStream out) throws IOException {
        List<Pair<String, Parameter>> ps = block.getParameters().stream().toList();
        out.writeInt(ps.size());
        for (Pair<String, Parameter> p : ps) {
            out.writeUTF(p.getKey());
            ArrayIO.write(out, p.getValue().getArray());
        }
    }

    /** Restores what {@link #saveParameters} wrote into the block's existing arrays. */
    public void loadParameters(DataInputStream in) throws IOException {
        List<Pair<String, Parameter>> ps = block.getParameters().stream().toList();
        int n = in.readInt();
        if (n != ps.size()) {
            throw new IOException("player " + name + ": " + n + " parameters saved, block has " + ps.size());
        }
        for (Pair<String, Parameter> p : ps) {
            String saved = in.readUTF();
            if (!saved.equals(p.getKey())) {
                throw new IOException("player " + name + ": saved parameter " + saved + " where the block has " + p.getKey());
            }
            ArrayIO.readInto(in, p.getValue().getArray(), name + "/" + saved);
        }
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
