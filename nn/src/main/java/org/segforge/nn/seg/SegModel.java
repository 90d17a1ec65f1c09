package org.segforge.nn.seg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;

/**
 * A trained segmentation U-Net with its training config, owning the native memory of its
 * parameters (close it). Saved in a run folder as {@value #WEIGHTS} (every parameter by name,
 * shape and float32 values, big-endian) and {@value #CONFIG}; both are written atomically (a
 * temporary file renamed into place), so a killed save never leaves a half model. The run folder
 * also holds the training's provenance.json and logs.
 */
public final class SegModel implements AutoCloseable {
    public static final String WEIGHTS = "model.params";
    public static final String CONFIG = "config.json";
    private static final int MAGIC = 0x5347_4D30; // "SGM0"

    private final NDManager manager;
    private final UNet net;
    private final SegTrainingConfig config;

    /** Takes ownership of {@code manager}, which holds {@code net}'s parameters. */
    SegModel(NDManager manager, UNet net, SegTrainingConfig config) {
        this.manager = manager;
        this.net = net;
        this.config = config;
    }

    /** A freshly initialised network for {@code config} (weights from its seed). */
    public static SegModel initialise(SegTrainingConfig config) {
        NDManager m = NDManager.newBaseManager();
        UNet net = new UNet(config.net());
        net.initialize(m, config.seed());
        return new SegModel(m, net, config);
    }

    public UNet net() {
        return net;
    }

    public SegTrainingConfig config() {
        return config;
    }

    NDManager manager() {
        return manager;
    }

    /** What the sliding-window predictor needs. */
    public SegmentationModel segmentationModel() {
        return SegmentationModel.of(net, config.normalisation());
    }

    /**
     * Segments one image (nt = input channels; nz = 1 for a 2D model) by sliding windows of the
     * training patch size.
     *
     * @param mirror  average the logits over flips of the spatial axes
     * @param overlap share of the patch neighbouring tiles overlap, in [0, 1)
     */
    public Prediction predict(Volume image, boolean mirror, double overlap) {
        SlidingWindowPredictor.Options o = SlidingWindowPredictor.Options.of(config.patch()).withMirror(mirror).withOverlap(overlap);
        try (NDManager scope = manager.newSubManager()) {
            return new SlidingWindowPredictor(segmentationModel(), scope, o).predict(image);
        }
    }

    /** Writes {@value #WEIGHTS} and {@value #CONFIG} into {@code folder}, each atomically. */
    public void save(Path folder) throws DataException {
        List<Pair<String, Parameter>> ps = net.getParameters().stream().toList();
        AtomicFiles.write(folder.resolve(WEIGHTS), raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.writeInt(MAGIC);
            out.writeInt(ps.size());
            for (Pair<String, Parameter> p : ps) {
                NDArray a = p.getValue().getArray();
                out.writeUTF(p.getKey());
                long[] shape = a.getShape().getShape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                for (float v : a.toFloatArray()) {
                    out.writeFloat(v);
                }
            }
            out.flush();
        });
        AtomicFiles.writeString(folder.resolve(CONFIG), config.toJson() + "\n");
    }

    /** Reads a model saved by {@link #save} (a run folder written by {@link SegTrainer}). */
    public static SegModel load(Path folder) throws DataException {
        Path configFile = folder.resolve(CONFIG);
        Path weights = folder.resolve(WEIGHTS);
        if (!Files.isRegularFile(configFile) || !Files.isRegularFile(weights)) {
            throw new DataException(folder, "not a trained model folder (needs " + CONFIG + " and " + WEIGHTS + ")");
        }
        SegTrainingConfig config;
        try {
            config = SegTrainingConfig.fromJson(Files.readString(configFile));
        } catch (IOException e) {
            throw new DataException(configFile, "cannot read: " + e.getMessage(), e);
        } catch (DataException e) {
            throw new DataException(configFile, e.getMessage(), e);
        }
        SegModel model = initialise(config);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a SegForge model weights file");
            }
            List<Pair<String, Parameter>> ps = model.net.getParameters().stream().toList();
            int n = in.readInt();
            if (n != ps.size()) {
                throw new IOException(n + " parameters saved, the network of config.json has " + ps.size());
            }
            for (Pair<String, Parameter> p : ps) {
                String name = in.readUTF();
                if (!name.equals(p.getKey())) {
                    throw new IOException("saved parameter " + name + " where the network has " + p.getKey());
                }
                long[] shape = new long[in.readInt()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = in.readLong();
                }
                NDArray a = p.getValue().getArray();
                if (!Arrays.equals(shape, a.getShape().getShape())) {
                    throw new IOException("parameter " + name + " saved with shape " + Arrays.toString(shape) + ", the network has " + a.getShape());
                }
                float[] v = new float[Math.toIntExact(a.size())];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                a.set(v);
            }
        } catch (IOException e) {
            model.close();
            throw new DataException(weights, "cannot read model weights: " + e.getMessage(), e);
        }
        return model;
    }

    @Override
    public void close() {
        manager.close();
    }
}
