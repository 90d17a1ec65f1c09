package org.segforge.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Raw, exact serialisation of arrays for checkpoints: data type, shape and the native bytes.
 * Reading copies into an existing array (keeping its identity, gradient flag and any references
 * a ParameterStore holds) rather than creating a new one.
 */
final class ArrayIO {
    private ArrayIO() {}

    static void write(DataOutputStream out, NDArray a) throws IOException {
        out.writeUTF(a.getDataType().name());
        long[] shape = a.getShape().getShape();
        out.writeInt(shape.length);
        for (long d : shape) {
            out.writeLong(d);
        }
        ByteBuffer b = a.toByteBuffer(); // raw native-order bytes; read back on the same byte order
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static void writeOptional(DataOutputStream out, NDArray a) throws IOException {
        out.writeBoolean(a != null);
        if (a != null) {
            write(out, a);
        }
    }

    /** Reads an array written by {@link #write} into {@code target}, which must match it. */
    static void readInto(DataInputStream in, NDArray target, String what) throws IOException {
        String type = in.readUTF();
        int rank = in.readInt();
        if (rank < 0 || rank > 16) {
            throw new IOException(what + ": corrupt rank " + rank);
        }
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readLong();
        }
        int n = in.readInt();
        if (!type.equals(target.getDataType().name()) || !new Shape(shape).equals(target.getShape())) {
            throw new IOException(what + ": saved " + type + Arrays.toString(shape) + " does not match "
                + target.getDataType() + target.getShape());
        }
        long expected = target.size() * DataType.valueOf(type).getNumOfBytes();
        if (n != expected) {
            throw new IOException(what + ": " + n + " bytes saved, " + expected + " expected");
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        ByteBuffer buf = ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
        buf.put(bytes).rewind();
        target.set(buf);
    }

    static void readOptionalInto(DataInputStream in, NDArray target, String what) throws IOException {
        boolean present = in.readBoolean();
        if (present != (target != null)) {
            throw new IOException(what + ": saved state " + (present ? "present" : "absent") + " but expected the opposite");
        }
        if (present) {
            readInto(in, target, what);
        }
    }
}
