package org.segforge.nn.features;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.segforge.core.DataException;
import org.segforge.core.io.AtomicFiles;

/**
 * The weights of a {@link FeatureNetwork}, independent of any engine: per layer a convolution
 * weight (out, in, k, k[, k]) and a bias, as float arrays in row-major order.
 *
 * <p>File format ({@code .bin}, big-endian, {@link DataOutputStream}): the UTF string
 * {@value #MAGIC}, the config (dims, input channels, kernel, high-pass filter count, seed, layer count, then width and
 * stride per layer), then per layer the weight floats and the bias floats.
 */
public record FeatureWeights(FeatureNetworkConfig config, List<float[]> weights, List<float[]> biases) {
    static final String MAGIC = "segforge-feature-network-1";

    public FeatureWeights {
        weights = List.copyOf(weights);
        biases = List.copyOf(biases);
        int in = config.inputChannels();
        for (int l = 0; l < config.widths().size(); l++) {
            int out = config.widths().get(l);
            if (weights.get(l).length != out * in * volume(config)) {
                throw new IllegalArgumentException("layer " + l + ": " + weights.get(l).length + " weights for "
                        + out + "×" + in + "×" + config.kernel() + "^" + config.dims());
            }
            if (biases.get(l).length != out) {
                throw new IllegalArgumentException("layer " + l + ": " + biases.get(l).length + " biases for " + out + " channels");
            }
            in = out;
        }
    }

    private static int volume(FeatureNetworkConfig c) {
        int v = 1;
        for (int i = 0; i < c.dims(); i++) {
            v *= c.kernel();
        }
        return v;
    }

    /**
     * Draws the weights from {@code config.seed()}: He-normal N(0, 2/fan-in) per weight, the
     * layers in order, each value one {@link SplittableRandom#nextGaussian()}; biases zero. The
     * same config gives the same bits on every machine (SplittableRandom's sequence is specified).
     */
    public static FeatureWeights generate(FeatureNetworkConfig config) {
        SplittableRandom rng = new SplittableRandom(config.seed());
        List<float[]> w = new ArrayList<>(), b = new ArrayList<>();
        int in = config.inputChannels();
        for (int out : config.widths()) {
            int fanIn = in * volume(config);
            double std = Math.sqrt(2.0 / fanIn);
            float[] v = new float[out * fanIn];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (rng.nextGaussian() * std);
            }
            if (w.isEmpty()) {
                highPass(v, out, in, volume(config), config.highPassFilters());
            }
            w.add(v);
            b.add(new float[out]);
            in = out;
        }
        return new FeatureWeights(config, w, b);
    }

    /**
     * Makes the first {@code count} filters of a first layer high-pass: each (filter, input channel)
     * kernel gets its mean subtracted, so it answers to edges and texture but not to the local
     * level. Random kernels are mostly low-pass, and features built from them barely notice a blur.
     */
    private static void highPass(float[] v, int out, int in, int kernelVolume, int count) {
        for (int o = 0; o < Math.min(count, out); o++) {
            for (int c = 0; c < in; c++) {
                int base = (o * in + c) * kernelVolume;
                double mean = 0;
                for (int k = 0; k < kernelVolume; k++) {
                    mean += v[base + k];
                }
                mean /= kernelVolume;
                for (int k = 0; k < kernelVolume; k++) {
                    v[base + k] = (float) (v[base + k] - mean);
                }
            }
        }
    }

    /** Number of parameters. */
    public long parameterCount() {
        long n = 0;
        for (int l = 0; l < weights.size(); l++) {
            n += weights.get(l).length + biases.get(l).length;
        }
        return n;
    }

    /** The file's bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes))) {
            out.writeUTF(MAGIC);
            out.writeInt(config.dims());
            out.writeInt(config.inputChannels());
            out.writeInt(config.kernel());
            out.writeInt(config.highPassFilters());
            out.writeLong(config.seed());
            out.writeInt(config.widths().size());
            for (int l = 0; l < config.widths().size(); l++) {
                out.writeInt(config.widths().get(l));
                out.writeInt(config.strides().get(l));
            }
            for (int l = 0; l < weights.size(); l++) {
                for (float v : weights.get(l)) {
                    out.writeFloat(v);
                }
                for (float v : biases.get(l)) {
                    out.writeFloat(v);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Writes the file atomically. */
    public void write(Path file) throws DataException {
        byte[] bytes = toBytes();
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Reads a weights file. */
    public static FeatureWeights read(Path file) throws DataException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new DataException(file, "not a SegForge feature-network file (starts with \"" + magic + "\")");
            }
            int dims = in.readInt(), channels = in.readInt(), kernel = in.readInt(), highPass = in.readInt();
            long seed = in.readLong();
            int layers = in.readInt();
            if (layers < 1 || layers > 64) {
                throw new DataException(file, "corrupt layer count " + layers);
            }
            Integer[] widths = new Integer[layers], strides = new Integer[layers];
            for (int l = 0; l < layers; l++) {
                widths[l] = in.readInt();
                strides[l] = in.readInt();
            }
            FeatureNetworkConfig config;
            try {
                config = new FeatureNetworkConfig(dims, channels, Arrays.asList(widths), Arrays.asList(strides), kernel, highPass, seed);
            } catch (IllegalArgumentException e) {
                throw new DataException(file, "corrupt header: " + e.getMessage(), e);
            }
            List<float[]> w = new ArrayList<>(), b = new ArrayList<>();
            int cin = channels;
            for (int l = 0; l < layers; l++) {
                long count = (long) widths[l] * cin * volume(config);
                if (count > 50_000_000L) {
                    throw new DataException(file, "layer " + l + " claims " + count + " weights");
                }
                w.add(readFloats(in, (int) count));
                b.add(readFloats(in, widths[l]));
                cin = widths[l];
            }
            if (in.read() != -1) {
                throw new DataException(file, "trailing bytes after the last layer");
            }
            return new FeatureWeights(config, w, b);
        } catch (IOException e) {
            throw new DataException(file, "cannot read the feature-network weights: " + e.getMessage(), e);
        }
    }


    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }
}
