package org.segforge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reference arrays recorded from PyTorch by {@code src/test/resources/reference/make_layer_refs.py}
 * (run with /usr/bin/python3, torch 1.13) into {@code reference/layer_refs.json}.
 */
public final class TorchReference {
    private static JsonNode cases;

    private TorchReference() {}

    /** One named case of the file, e.g. "instance_norm_2d". */
    public static synchronized JsonNode caseNamed(String name) {
        if (cases == null) {
            try (InputStream in = TorchReference.class.getResourceAsStream("/reference/layer_refs.json")) {
                cases = new ObjectMapper().readTree(in).get("cases");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JsonNode c = cases.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no reference case " + name);
        }
        return c;
    }

    public static Shape shape(JsonNode array) {
        JsonNode s = array.get("shape");
        long[] dims = new long[s.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s.get(i).asLong();
        }
        return new Shape(dims);
    }

    public static float[] values(JsonNode array) {
        JsonNode d = array.get("data");
        float[] v = new float[d.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) d.get(i).asDouble();
        }
        return v;
    }

    public static NDArray array(NDManager m, JsonNode c, String key) {
        JsonNode a = c.get(key);
        return m.create(values(a), shape(a));
    }

    /** Largest absolute difference, after checking the shapes agree. */
    public static double maxAbsDiff(NDArray actual, JsonNode expected) {
        if (!actual.getShape().equals(shape(expected))) {
            throw new AssertionError("shape " + actual.getShape() + " != reference " + shape(expected));
        }
        float[] a = actual.toFloatArray();
        float[] e = values(expected);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - e[i]));
        }
        return max;
    }
}
