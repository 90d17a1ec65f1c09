package org.segforge.core.io.metaimage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.segforge.core.DataException;
import org.segforge.core.io.DataType;

/** Converts between stored samples of a {@link DataType} and the float32 voxels of a volume. */
final class Samples {
    private Samples() {}

    /** Reads sample {@code i} (an element index, not a byte offset) of {@code type} as a float. */
    static float get(ByteBuffer b, DataType type, int i) {
        return switch (type) {
            case UINT8 -> b.get(i) & 0xFF;
            case INT8 -> b.get(i);
            case INT16 -> b.getShort(i * 2);
            case UINT16 -> b.getShort(i * 2) & 0xFFFF;
            case INT32 -> b.getInt(i * 4);
            case UINT32 -> b.getInt(i * 4) & 0xFFFFFFFFL;
            case INT64 -> b.getLong(i * 8);
            case FLOAT32 -> b.getFloat(i * 4);
            case FLOAT64 -> (float) b.getDouble(i * 8);
        };
    }

    /** Stores {@code v} as sample {@code i}; the caller has checked that the type holds it. */
    static void put(ByteBuffer b, DataType type, int i, float v) {
        switch (type) {
            case UINT8, INT8 -> b.put(i, (byte) (long) v);
            case INT16, UINT16 -> b.putShort(i * 2, (short) (long) v);
            case INT32, UINT32 -> b.putInt(i * 4, (int) (long) v);
            case INT64 -> b.putLong(i * 8, (long) v);
            case FLOAT32 -> b.putFloat(i * 4, v);
            case FLOAT64 -> b.putDouble(i * 8, v);
        }
    }

    /**
     * The smallest type that holds every value exactly: uint8, int16, uint16, int32 for integral
     * data, float32 otherwise (NaN or fractions).
     */
    static DataType smallestType(float[] data) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float v : data) {
            if (!Float.isFinite(v) || v != Math.rint(v)) {
                return DataType.FLOAT32;
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        for (DataType t : new DataType[] {DataType.UINT8, DataType.INT16, DataType.UINT16, DataType.INT32}) {
            if (lo >= t.min() && hi <= t.max()) {
                return t;
            }
        }
        return DataType.FLOAT32;
    }

    /** Throws unless every value can be stored in {@code type} without change. */
    static void checkFits(Path file, float[] data, DataType type) throws DataException {
        if (!type.isInteger()) {
            return;
        }
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (!Float.isFinite(v) || v != Math.rint(v) || v < type.min() || v > type.max()) {
                throw new DataException(file, "voxel " + i + " has value " + v + ", which "
                    + type.name().toLowerCase(java.util.Locale.ROOT) + " cannot hold; choose another data type");
            }
        }
    }

    static ByteBuffer allocate(long bytes, ByteOrder order) {
        return ByteBuffer.allocate(Math.toIntExact(bytes)).order(order);
    }
}
