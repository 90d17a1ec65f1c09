package org.segforge.nn.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** The arrays of one training step, still on the Java heap. */
public record HostBatch(long step, List<HostArray> arrays) {
    public HostBatch {
        arrays = List.copyOf(arrays);
    }

    /**
     * The one boundary from host data to tensors: every array becomes an NDArray named after its
     * host array and owned by {@code manager} (the step's scope, closed after the step).
     */
    public NDList toNDList(NDManager manager) {
        NDList list = new NDList(arrays.size());
        for (HostArray a : arrays) {
            NDArray x = manager.create(a.data(), new Shape(a.shape()));
            x.setName(a.name());
            list.add(x);
        }
        return list;
    }
}
