package org.segforge.nn.features;

import java.util.List;

/**
 * Shape and seed of a {@link FeatureNetwork}: a plain conv encoder, every layer a k×k(×k)
 * convolution with "same" padding followed by ReLU; the feature vector concatenates the global
 * average of every layer's activations (one value per channel per layer).
 *
 * @param dims 2 or 3
 * @param inputChannels 2: image and label (an image without a label feeds a zero label channel)
 * @param widths output channels per layer
 * @param strides stride per layer (1 or 2)
 * @param kernel kernel size (odd)
 * @param highPassFilters how many first-layer filters have zero-mean kernels (edge and texture detectors)
 * @param seed seed of the weights' random stream
 */
public record FeatureNetworkConfig(int dims, int inputChannels, List<Integer> widths, List<Integer> strides, int kernel,
        int highPassFilters, long seed) {
    /** The name of the shipped weights' version. */
    public static final String VERSION = "fid-features-v1";

    public FeatureNetworkConfig {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("dims must be 2 or 3, got " + dims);
        }
        if (inputChannels < 1) {
            throw new IllegalArgumentException("inputChannels must be positive, got " + inputChannels);
        }
        widths = List.copyOf(widths);
        strides = List.copyOf(strides);
        if (widths.isEmpty() || widths.size() != strides.size()) {
            throw new IllegalArgumentException("one stride per layer is needed: widths " + widths + ", strides " + strides);
        }
        if (widths.stream().anyMatch(w -> w < 1) || strides.stream().anyMatch(s -> s < 1 || s > 2)) {
            throw new IllegalArgumentException("widths must be positive and strides 1 or 2: " + widths + ", " + strides);
        }
        if (highPassFilters < 0 || highPassFilters > widths.get(0)) {
            throw new IllegalArgumentException("highPassFilters must be in [0, " + widths.get(0) + "], got " + highPassFilters);
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd and positive, got " + kernel);
        }
    }

    /**
     * Version 1: image + label channels, widths 16/32/48/64, strides 1/2/2/2, 3×3(×3) kernels,
     * every first-layer filter high-pass (zero-mean kernels), seed 20261201 (3D) or 20261202 (2D). Feature dimension 160.
     */
    public static FeatureNetworkConfig v1(int dims) {
        return new FeatureNetworkConfig(dims, 2, List.of(16, 32, 48, 64), List.of(1, 2, 2, 2), 3, 16, dims == 3 ? 20261201L : 20261202L);
    }

    /** Length of the feature vector: the sum of the widths. */
    public int featureDimension() {
        return widths.stream().mapToInt(Integer::intValue).sum();
    }
}
