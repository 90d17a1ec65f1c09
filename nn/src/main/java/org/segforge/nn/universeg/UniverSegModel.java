package org.segforge.nn.universeg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.segforge.core.DataException;
import org.segforge.nn.train.Json;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.Provenance;
import org.segforge.nn.train.Schedule;

/**
 * A trained UniverSeg ready for inference. A model folder is a training checkpoint folder (or a
 * copy of its {@code universeg.params} and {@code provenance.json}): the network's shape is read
 * from the provenance's training config, the weights from the parameter file.
 */
public final class UniverSegModel implements AutoCloseable {
    /** The parameter file inside a model or checkpoint folder. */
    public static final String PARAMS = UniverSegTraining.PLAYER + ".params";

    private final NDManager manager;
    private final UniverSeg net;
    private final Provenance provenance;

    private UniverSegModel(NDManager manager, UniverSeg net, Provenance provenance) {
        this.manager = manager;
        this.net = net;
        this.provenance = provenance;
    }

    /** A model with freshly initialised (untrained) weights, for tests and benchmarks. */
    public static UniverSegModel untrained(UniverSegConfig config, long seed) {
        NDManager m = NDManager.newBaseManager();
        UniverSeg net = new UniverSeg(config);
        net.initialize(m, seed);
        return new UniverSegModel(m, net, null);
    }

    /** Reads a model folder. */
    public static UniverSegModel load(Path folder) throws DataException {
        Path provFile = folder.resolve(Provenance.FILE);
        Path params = folder.resolve(PARAMS);
        if (!Files.isRegularFile(provFile) || !Files.isRegularFile(params)) {
            throw new DataException(folder, "not a UniverSeg model folder (needs " + Provenance.FILE + " and " + PARAMS + ")");
        }
        Provenance prov = Provenance.read(provFile);
        JsonNode model = prov.config().path("training").path("model");
        UniverSegConfig config;
        try {
            config = UniverSegConfig.fromJson(Json.mapper().writeValueAsString(model));
        } catch (IOException | DataException e) {
            throw new DataException(provFile, "no UniverSeg network config under config.training.model: " + e.getMessage(), e);
        }
        NDManager m = NDManager.newBaseManager();
        try {
            UniverSeg net = new UniverSeg(config);
            net.initialize(m, 0);
            // a player only to reuse the checkpoint reader; its optimiser never steps
            try (Player p = new Player(UniverSegTraining.PLAYER, net, OptimizerConfig.sgd(Schedule.constant(1e-3), 0, false, 0), m);
                 DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
                p.loadParameters(in);
            }
            return new UniverSegModel(m, net, prov);
        } catch (IOException e) {
            m.close();
            throw new DataException(params, "cannot read the weights: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public UniverSegConfig config() {
        return net.config();
    }

    /**
     * K of the support selection the model was trained for (the training config's
     * {@code selectNearest}; 0 when trained on whole support sets, or untrained): such a model is
     * meant to see only the K examples most similar to the query ({@link UniverSegNearest}).
     */
    public int selectNearest() {
        return provenance == null ? 0 : provenance.config().path("training").path("selectNearest").asInt(0);
    }

    /** Where the weights came from, or null for an untrained model. */
    public Provenance provenance() {
        return provenance;
    }

    /**
     * Foreground probabilities (size², row-major) of one query given one support set, all pairs
     * already at the model's size and normalised ({@link Pair2d}).
     */
    public float[] predict(float[] query, List<Pair2d> support) {
        int s = config().size();
        if (support.isEmpty()) {
            throw new IllegalArgumentException("the support set is empty");
        }
        if (query.length != s * s) {
            throw new IllegalArgumentException("query has " + query.length + " pixels, the model needs " + s + "×" + s);
        }
        int n = support.size();
        float[] si = new float[n * s * s], sl = new float[n * s * s];
        for (int i = 0; i < n; i++) {
            Pair2d p = support.get(i);
            if (p.size() != s) {
                throw new IllegalArgumentException("support pair " + i + " is " + p.size() + "², the model needs " + s + "²");
            }
            System.arraycopy(p.image(), 0, si, i * s * s, s * s);
            System.arraycopy(p.label(), 0, sl, i * s * s, s * s);
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(query, new Shape(1, 1, s, s));
            NDArray a = step.create(si, new Shape(1, n, 1, s, s));
            NDArray b = step.create(sl, new Shape(1, n, 1, s, s));
            NDArray logits = net.predictLogits(new ParameterStore(step, false), x, a, b, false);
            return Activation.sigmoid(logits).toFloatArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
