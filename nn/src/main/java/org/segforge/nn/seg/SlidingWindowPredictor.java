package org.segforge.nn.seg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.segforge.core.image.Volume;

/**
 * nnU-Net's sliding-window inference for images larger (or smaller) than the training patch.
 *
 * <p>The normalised image is padded with zeros (centred) to at least the patch size, then covered by
 * tiles that overlap by {@code overlap} of the patch (the step along an axis of length n is at most
 * p·(1 − overlap); the tiles are spread evenly between the first and last position). Each tile's
 * logits are weighted by a Gaussian centred on the tile (σ = {@code sigmaScale}·p per axis,
 * 1/8 by default, peak 1), so that tile borders, where the network sees little context, count
 * less; the weighted sum is divided by the summed weights, cropped back, and turned into softmax
 * probabilities and an argmax label map on the input's grid and affine. With {@code mirror}, every
 * tile's logits are the average over all flips of the spatial axes (test-time augmentation, as
 * nnU-Net: logits, not probabilities, are averaged).
 *
 * <p>Tiles go through the network {@code batchSize} at a time; each batch's arrays live in a
 * sub-manager of the given manager that is closed after the batch.
 */
public final class SlidingWindowPredictor {
    /**
     * @param patchSize {x, y} for 2D or {x, y, z} for 3D, multiples of the U-Net's size divisor
     * @param overlap share of the patch that neighbouring tiles overlap, in [0, 1)
     * @param mirror average over flips of the spatial axes
     * @param batchSize tiles per forward pass
     * @param sigmaScale Gaussian σ as a fraction of the patch size (nnU-Net: 1/8)
     */
    public record Options(int[] patchSize, double overlap, boolean mirror, int batchSize, double sigmaScale) {
        public Options {
            if (!(overlap >= 0 && overlap < 1)) {
                throw new IllegalArgumentException("overlap must be in [0, 1), got " + overlap);
            }
            if (batchSize < 1 || !(sigmaScale > 0)) {
                throw new IllegalArgumentException("batch size must be ≥ 1 and sigma scale > 0, got " + batchSize + ", " + sigmaScale);
            }
            patchSize = patchSize.clone();
        }

        /** Overlap 0.5, no mirroring, 4 tiles per batch, σ = p/8. */
        public static Options of(int... patchSize) {
            return new Options(patchSize, 0.5, false, 4, 1.0 / 8);
        }

        public Options withMirror(boolean m) {
            return new Options(patchSize, overlap, m, batchSize, sigmaScale);
        }

        public Options withOverlap(double o) {
            return new Options(patchSize, o, mirror, batchSize, sigmaScale);
        }

        public Options withBatchSize(int b) {
            return new Options(patchSize, overlap, mirror, b, sigmaScale);
        }
    }

    private final SegmentationModel model;
    private final NDManager manager;
    private final Options options;
    private final int dims, px, py, pz;
    private final float[] gaussian;

    public SlidingWindowPredictor(SegmentationModel model, NDManager manager, Options options) {
        this.model = model;
        this.manager = manager;
        this.options = options;
        UNetConfig c = model.config();
        dims = c.dims();
        int[] p = options.patchSize();
        if (p.length != dims) {
            throw new IllegalArgumentException("a " + dims + "D model needs " + dims + " patch sizes, got " + Arrays.toString(p));
        }
        for (int s : p) {
            if (s < 1 || s % c.sizeDivisor() != 0) {
                throw new IllegalArgumentException("patch sizes must be positive multiples of " + c.sizeDivisor() + ", got " + Arrays.toString(p));
            }
        }
        px = p[0];
        py = p[1];
        pz = dims == 3 ? p[2] : 1;
        gaussian = gaussian(px, py, pz, options.sigmaScale());
    }

    /** Product of 1D Gaussians centred at p/2 with σ = scale·p, peak 1 (nnU-Net's importance map). */
    static float[] gaussian(int px, int py, int pz, double scale) {
        double[] gx = gauss1d(px, scale), gy = gauss1d(py, scale), gz = pz == 1 ? new double[] {1} : gauss1d(pz, scale);
        double peak = gx[px / 2] * gy[py / 2] * gz[pz / 2];
        float[] g = new float[px * py * pz];
        for (int z = 0; z < pz; z++) {
            for (int y = 0; y < py; y++) {
                for (int x = 0; x < px; x++) {
                    g[x + px * (y + py * z)] = (float) (gx[x] * gy[y] * gz[z] / peak);
                }
            }
        }
        return g;
    }

    private static double[] gauss1d(int p, double scale) {
        double sigma = scale * p, c = p / 2;
        double[] g = new double[p];
        for (int i = 0; i < p; i++) {
            g[i] = Math.exp(-(i - c) * (i - c) / (2 * sigma * sigma));
        }
        return g;
    }

    /** Tile starts along an axis of length n ≥ p (nnU-Net's compute_steps_for_sliding_window). */
    static int[] starts(int n, int p, double overlap) {
        double target = p * (1 - overlap);
        int steps = (int) Math.ceil((n - p) / target) + 1;
        int[] s = new int[steps];
        double step = steps > 1 ? (double) (n - p) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) {
            s[i] = (int) Math.round(i * step);
        }
        return s;
    }

    /**
     * Segments {@code image} (one frame per input channel). A 2D model segments a 3D volume slice by
     * slice along z; intensities are normalised over the whole image first, as in training.
     *
     * @throws IllegalArgumentException when the image's channels do not fit the model
     */
    public Prediction predict(Volume image) {
        UNetConfig c = model.config();
        int channels = c.inChannels(), classes = c.classes();
        if (image.nt() != channels) {
            throw new IllegalArgumentException("the model expects " + channels + " channel(s), the image has " + image.nt());
        }
        int nx = image.nx(), ny = image.ny(), nz = image.nz(), frame = image.frameSize();
        float[][] norm = new float[channels][];
        for (int ch = 0; ch < channels; ch++) {
            norm[ch] = model.normalisation().apply(image.frame(ch).data());
        }
        float[] prob, labels;
        if (dims == 3 || nz == 1) {
            float[][] r = predictNormalised(norm, nx, ny, nz);
            prob = r[0];
            labels = r[1];
        } else {
            prob = new float[frame * classes];
            labels = new float[frame];
            int slice = nx * ny;
            for (int z = 0; z < nz; z++) {
                float[][] s = new float[channels][];
                for (int ch = 0; ch < channels; ch++) {
                    s[ch] = java.util.Arrays.copyOfRange(norm[ch], z * slice, (z + 1) * slice);
                }
                float[][] r = predictNormalised(s, nx, ny, 1);
                for (int k = 0; k < classes; k++) {
                    System.arraycopy(r[0], k * slice, prob, k * frame + z * slice, slice);
                }
                System.arraycopy(r[1], 0, labels, z * slice, slice);
            }
        }
        return new Prediction(new Volume(nx, ny, nz, classes, prob, image.affine()), new Volume(nx, ny, nz, 1, labels, image.affine()));
    }

    /** {probabilities (class-major), labels} of normalised channels of shape nx × ny × nz. */
    private float[][] predictNormalised(float[][] norm, int nx, int ny, int nz) {
        int channels = norm.length, classes = model.config().classes();
        int bx = Math.max(nx, px), by = Math.max(ny, py), bz = Math.max(nz, pz);
        int ox = (bx - nx) / 2, oy = (by - ny) / 2, oz = (bz - nz) / 2;
        int padded = bx * by * bz;
        // Zero-padded channels.
        float[][] in = new float[channels][padded];
        for (int ch = 0; ch < channels; ch++) {
            float[] src = norm[ch];
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    System.arraycopy(src, nx * (y + ny * z), in[ch], ox + bx * (y + oy + by * (z + oz)), nx);
                }
            }
        }
        List<int[]> tiles = new ArrayList<>();
        for (int sz : starts(bz, pz, options.overlap())) {
            for (int sy : starts(by, py, options.overlap())) {
                for (int sx : starts(bx, px, options.overlap())) {
                    tiles.add(new int[] {sx, sy, sz});
                }
            }
        }
        float[][] acc = new float[classes][padded];
        float[] weight = new float[padded];
        int tileSize = px * py * pz;
        ParameterStore ps = new ParameterStore(manager, false);
        for (int first = 0; first < tiles.size(); first += options.batchSize()) {
            List<int[]> batch = tiles.subList(first, Math.min(tiles.size(), first + options.batchSize()));
            float[] x = new float[batch.size() * channels * tileSize];
            for (int b = 0; b < batch.size(); b++) {
                int[] t = batch.get(b);
                for (int ch = 0; ch < channels; ch++) {
                    extractTile(in[ch], bx, by, t, x, (b * channels + ch) * tileSize);
                }
            }
            float[] logits;
            try (NDManager s = manager.newSubManager()) {
                logits = forward(ps, s.create(x, shape(batch.size(), channels)), classes).toFloatArray();
            }
            for (int b = 0; b < batch.size(); b++) {
                int[] t = batch.get(b);
                for (int k = 0; k < classes; k++) {
                    accumulate(acc[k], bx, by, t, logits, (b * classes + k) * tileSize);
                }
                accumulate(weight, bx, by, t, null, 0);
            }
        }
        return finish(nx, ny, nz, acc, weight, bx, by, ox, oy, oz);
    }

    private Shape shape(int batch, int channels) {
        return dims == 2 ? new Shape(batch, channels, py, px) : new Shape(batch, channels, pz, py, px);
    }

    /** Logits of one batch, averaged over mirrored passes when asked. */
    private NDArray forward(ParameterStore ps, NDArray x, int classes) {
        NDArray out = model.block().forward(ps, new NDList(x), false).singletonOrThrow();
        long[] expected = x.getShape().getShape().clone();
        expected[1] = classes;
        if (!out.getShape().equals(new Shape(expected))) {
            throw new IllegalStateException("the network returned " + out.getShape() + " for " + x.getShape() + ", expected " + new Shape(expected));
        }
        if (!options.mirror()) {
            return out;
        }
        int combos = 1 << dims;
        for (int mask = 1; mask < combos; mask++) {
            int[] axes = flipAxes(mask);
            NDArray y = model.block().forward(ps, new NDList(x.flip(axes)), false).singletonOrThrow();
            out = out.add(y.flip(axes));
        }
        return out.div(combos);
    }

    /** Tensor axes (2 = first spatial) whose bit is set in {@code mask}. */
    private int[] flipAxes(int mask) {
        return IntStream.range(0, dims).filter(a -> (mask & (1 << a)) != 0).map(a -> 2 + a).toArray();
    }

    /** Copies the tile starting at {@code t} out of a padded channel into {@code tile} at {@code offset}. */
    private void extractTile(float[] big, int bx, int by, int[] t, float[] tile, int offset) {
        for (int z = 0; z < pz; z++) {
            for (int y = 0; y < py; y++) {
                System.arraycopy(big, t[0] + bx * (t[1] + y + by * (t[2] + z)), tile, offset + px * (y + py * z), px);
            }
        }
    }

    /** acc[tile voxel] += gaussian · values (or gaussian alone when values is null). */
    private void accumulate(float[] acc, int bx, int by, int[] t, float[] values, int offset) {
        for (int z = 0; z < pz; z++) {
            for (int y = 0; y < py; y++) {
                int b = t[0] + bx * (t[1] + y + by * (t[2] + z));
                int g = px * (y + py * z);
                for (int xx = 0; xx < px; xx++) {
                    acc[b + xx] += values == null ? gaussian[g + xx] : gaussian[g + xx] * values[offset + g + xx];
                }
            }
        }
    }

    private float[][] finish(int nx, int ny, int nz, float[][] acc, float[] weight, int bx, int by, int ox, int oy, int oz) {
        int classes = acc.length;
        int frame = nx * ny * nz;
        float[] prob = new float[frame * classes];
        float[] labels = new float[frame];
        IntStream.range(0, nz).parallel().forEach(z -> {
            double[] l = new double[classes];
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int b = x + ox + bx * (y + oy + by * (z + oz));
                    int v = x + nx * (y + ny * z);
                    double max = Double.NEGATIVE_INFINITY;
                    int arg = 0;
                    for (int k = 0; k < classes; k++) {
                        l[k] = acc[k][b] / weight[b];
                        if (l[k] > max) {
                            max = l[k];
                            arg = k;
                        }
                    }
                    double sum = 0;
                    for (int k = 0; k < classes; k++) {
                        l[k] = Math.exp(l[k] - max);
                        sum += l[k];
                    }
                    for (int k = 0; k < classes; k++) {
                        prob[v + frame * k] = (float) (l[k] / sum);
                    }
                    labels[v] = arg;
                }
            }
        });
        return new float[][] {prob, labels};
    }
}
