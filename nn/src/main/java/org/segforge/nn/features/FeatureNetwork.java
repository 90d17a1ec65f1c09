package org.segforge.nn.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;
import org.segforge.nn.train.Provenance;

/**
 * The fixed, versioned feature extractor behind SegForge's FID and PRD: a plain convolutional
 * encoder whose weights are a documented seeded random draw ({@link FeatureWeights#generate}),
 * shipped in {@code models/fid-features-v1/}. No pretrained medical network can be downloaded
 * here (the TOF-MRA paper used MedicalNet); random convolutional features with multi-scale
 * pooling are a known workable embedding for distribution distances, and they are reproducible
 * bit for bit from a seed, which a briefly trained network would not be across engines.
 *
 * <p>Input: patches (3D network) or images (2D network, volumes with nz = 1), image intensities
 * already normalised to [0, 1], optionally a label per patch (foreground = label &gt; 0). Both
 * channels are mapped to [−1, 1] (2v − 1); a missing label is an all-background channel.
 * Output: per patch the global average of every layer's ReLU activations, concatenated
 * ({@link FeatureNetworkConfig#featureDimension()} values). Any patch size works; features are
 * only comparable between sets of the same size. One instance serves one thread at a time.
 */
public final class FeatureNetwork implements AutoCloseable {
    /** The weights file of the {@code dims}-D network inside a model folder. */
    public static String fileName(int dims) {
        return "features-" + dims + "d.bin";
    }

    /** Voxels × first-layer channels per forward pass; bounds the activation memory to ~100 MB. */
    private static final long BATCH_BUDGET = 1L << 23;

    private final FeatureWeights weights;
    private final String version;
    private final NDManager manager;
    private final NDArray[] w;
    private final NDArray[] b;

    /** A network for these weights, named by {@code version}; close it to free the native arrays. */
    public FeatureNetwork(FeatureWeights weights, String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("a feature network needs a version name");
        }
        this.weights = weights;
        this.version = version;
        this.manager = NDManager.newBaseManager();
        FeatureNetworkConfig c = weights.config();
        int layers = c.widths().size();
        w = new NDArray[layers];
        b = new NDArray[layers];
        int in = c.inputChannels();
        for (int l = 0; l < layers; l++) {
            int out = c.widths().get(l);
            long[] shape = c.dims() == 3 ? new long[] {out, in, c.kernel(), c.kernel(), c.kernel()}
                    : new long[] {out, in, c.kernel(), c.kernel()};
            w[l] = manager.create(weights.weights().get(l), new Shape(shape));
            b[l] = manager.create(weights.biases().get(l), new Shape(out));
            in = out;
        }
    }

    /** Loads the {@code dims}-D network of a model folder (e.g. {@code models/fid-features-v1}). */
    public static FeatureNetwork load(Path folder, int dims) throws DataException {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("dims must be 2 or 3, got " + dims);
        }
        Path file = folder.resolve(fileName(dims));
        if (!Files.isRegularFile(file)) {
            throw new DataException(folder, "no " + fileName(dims) + ": not a feature-network folder");
        }
        FeatureWeights fw = FeatureWeights.read(file);
        if (fw.config().dims() != dims) {
            throw new DataException(file, "holds a " + fw.config().dims() + "D network, " + dims + "D expected");
        }
        Path prov = folder.resolve(Provenance.FILE);
        String version = Files.isRegularFile(prov) ? Provenance.read(prov).config().path("version").asText("") : "";
        return new FeatureNetwork(fw, version.isBlank() ? String.valueOf(folder.toAbsolutePath().normalize().getFileName()) : version);
    }

    /** The version the weights were shipped as (the provenance's {@code config.version}, else the folder name). */
    public String version() {
        return version;
    }

    public FeatureNetworkConfig config() {
        return weights.config();
    }

    /** Length of each feature vector. */
    public int dimension() {
        return weights.config().featureDimension();
    }

    /**
     * Features of each patch.
     *
     * @param images patches of one shape, intensities in [0, 1]; 2D networks take volumes with nz = 1
     * @param labels one label volume per image (same shape), or null for image-only features
     * @return one row of {@link #dimension()} values per patch
     */
    public double[][] embed(List<Volume> images, List<Volume> labels) {
        if (images.isEmpty()) {
            return new double[0][];
        }
        if (labels != null && labels.size() != images.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + images.size() + " images");
        }
        Volume first = images.get(0);
        FeatureNetworkConfig c = weights.config();
        if (c.dims() == 2 && first.nz() != 1) {
            throw new IllegalArgumentException("the 2D network takes 2D images (nz = 1), got " + first.nx() + "×" + first.ny() + "×" + first.nz());
        }
        for (int i = 0; i < images.size(); i++) {
            Volume v = images.get(i);
            if (v.nx() != first.nx() || v.ny() != first.ny() || v.nz() != first.nz() || v.nt() != 1) {
                throw new IllegalArgumentException("patch " + i + " is " + v + ", patch 0 is " + first + ": one shape (one frame) per set");
            }
            if (labels != null && !labels.get(i).sameShape(v)) {
                throw new IllegalArgumentException("label " + i + " is " + labels.get(i) + ", its image " + v);
            }
        }
        int voxels = first.frameSize();
        int batch = (int) Math.max(1, Math.min(images.size(), BATCH_BUDGET / ((long) voxels * c.widths().get(0))));
        double[][] out = new double[images.size()][];
        for (int start = 0; start < images.size(); start += batch) {
            int n = Math.min(batch, images.size() - start);
            float[] x = new float[n * c.inputChannels() * voxels];
            for (int i = 0; i < n; i++) {
                float[] img = images.get(start + i).data();
                int base = i * c.inputChannels() * voxels;
                for (int v = 0; v < voxels; v++) {
                    x[base + v] = 2 * img[v] - 1;
                }
                if (c.inputChannels() > 1) {
                    float[] lab = labels == null ? null : labels.get(start + i).data();
                    for (int v = 0; v < voxels; v++) {
                        x[base + voxels + v] = lab != null && lab[v] > 0 ? 1f : -1f;
                    }
                }
            }
            long[] shape = c.dims() == 3 ? new long[] {n, c.inputChannels(), first.nz(), first.ny(), first.nx()}
                    : new long[] {n, c.inputChannels(), first.ny(), first.nx()};
            float[] f = forward(x, new Shape(shape));
            int d = dimension();
            for (int i = 0; i < n; i++) {
                double[] row = new double[d];
                for (int j = 0; j < d; j++) {
                    row[j] = f[i * d + j];
                }
                out[start + i] = row;
            }
        }
        return out;
    }

    /** Features (n × dimension, row-major) of one input batch. */
    private float[] forward(float[] input, Shape shape) {
        FeatureNetworkConfig c = weights.config();
        int dims = c.dims();
        int[] spatial = dims == 3 ? new int[] {2, 3, 4} : new int[] {2, 3};
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(input, shape);
            NDArray[] pooled = new NDArray[w.length];
            for (int l = 0; l < w.length; l++) {
                long s = c.strides().get(l);
                Shape stride = dims == 3 ? new Shape(s, s, s) : new Shape(s, s);
                long p = c.kernel() / 2;
                Shape pad = dims == 3 ? new Shape(p, p, p) : new Shape(p, p);
                Shape dil = dims == 3 ? new Shape(1, 1, 1) : new Shape(1, 1);
                NDArray y = dims == 3 ? Conv3d.conv3d(x, w[l], b[l], stride, pad, dil, 1).singletonOrThrow()
                        : Conv2d.conv2d(x, w[l], b[l], stride, pad, dil, 1).singletonOrThrow();
                x = Activation.relu(y);
                long count = 1;
                for (int a : spatial) {
                    count *= x.getShape().get(a);
                }
                pooled[l] = x.sum(spatial).div(count);
            }
            return NDArrays.concat(new NDList(pooled), 1).toFloatArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
