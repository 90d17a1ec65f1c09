package org.segforge.nn.data;

import java.util.Arrays;

/**
 * One named float array on the Java heap with its shape, e.g. an image batch {@code [N, C, H, W]}.
 * Built by augmentation code on any thread; turned into an NDArray only at the batch boundary.
 */
public record HostArray(String name, float[] data, long[] shape) {
    public HostArray {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("array name must not be blank");
        }
        if (data == null || shape == null) {
            throw new IllegalArgumentException("array '" + name + "' needs data and a shape");
        }
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("array '" + name + "' has a negative dimension: " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("array '" + name + "' has " + data.length
                + " values but shape " + Arrays.toString(shape) + " needs " + n);
        }
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }
}
