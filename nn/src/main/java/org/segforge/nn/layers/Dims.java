package org.segforge.nn.layers;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.convolutional.Convolution;

/** Helpers shared by the 2D and 3D variants of the layers: kernel shapes and convolutions. */
final class Dims {
    private Dims() {}

    static void check(int dims) {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("dims must be 2 or 3, got " + dims);
        }
    }

    /** (v, v) or (v, v, v). */
    static Shape cube(int dims, long v) {
        return dims == 2 ? new Shape(v, v) : new Shape(v, v, v);
    }

    /** A convolution with a cubic kernel, equal stride on every axis and "same" padding for odd kernels. */
    static Convolution conv(int dims, int filters, int kernel, int stride, boolean bias) {
        Shape k = cube(dims, kernel), s = cube(dims, stride), p = cube(dims, kernel / 2);
        return dims == 2
                ? Conv2d.builder().setKernelShape(k).optStride(s).optPadding(p).setFilters(filters).optBias(bias).build()
                : Conv3d.builder().setKernelShape(k).optStride(s).optPadding(p).setFilters(filters).optBias(bias).build();
    }
}
