package org.segforge.core.io;

/**
 * Voxel storage types of the medical formats, with their NIfTI datatype codes. Volumes hold
 * float32 in memory; this is what a file stores and what a writer is asked to store.
 */
public enum DataType {
    UINT8(2, 1, true, 0, 255),
    INT8(256, 1, true, -128, 127),
    INT16(4, 2, true, Short.MIN_VALUE, Short.MAX_VALUE),
    UINT16(512, 2, true, 0, 65535),
    INT32(8, 4, true, Integer.MIN_VALUE, Integer.MAX_VALUE),
    UINT32(768, 4, true, 0, 4294967295.0),
    INT64(1024, 8, true, -9.223372036854775808E18, 9.223372036854775807E18),
    FLOAT32(16, 4, false, -Float.MAX_VALUE, Float.MAX_VALUE),
    FLOAT64(64, 8, false, -Double.MAX_VALUE, Double.MAX_VALUE);

    private final int niftiCode;
    private final int bytes;
    private final boolean integer;
    private final double min;
    private final double max;

    DataType(int niftiCode, int bytes, boolean integer, double min, double max) {
        this.niftiCode = niftiCode;
        this.bytes = bytes;
        this.integer = integer;
        this.min = min;
        this.max = max;
    }

    public int niftiCode() { return niftiCode; }
    public int bytes() { return bytes; }
    public boolean isInteger() { return integer; }
    public double min() { return min; }
    public double max() { return max; }

    /** The type for a NIfTI datatype code, or null when SegForge does not support it. */
    public static DataType fromNiftiCode(int code) {
        for (DataType t : values()) {
            if (t.niftiCode == code) {
                return t;
            }
        }
        return null;
    }

    /** Parses "uint8", "int16", "float32", … (case-insensitive). */
    public static DataType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown data type '" + name + "'; expected one of uint8, int8, int16, uint16, int32, uint32, int64, float32, float64");
        }
    }
}
