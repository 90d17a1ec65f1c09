package org.segforge.core.io.metaimage;

import java.util.Locale;
import org.segforge.core.io.DataType;

/**
 * The MetaImage {@code ElementType} names and their storage. Sizes follow MetaIO's table
 * ({@code metaTypes.h}): MET_LONG and MET_ULONG are 4 bytes there, MET_LONG_LONG is 8.
 * {@code MET_ULONG_LONG} has no {@link DataType} and is not supported.
 */
enum MetaElementType {
    MET_UCHAR(DataType.UINT8),
    MET_CHAR(DataType.INT8),
    MET_SHORT(DataType.INT16),
    MET_USHORT(DataType.UINT16),
    MET_INT(DataType.INT32),
    MET_UINT(DataType.UINT32),
    MET_LONG(DataType.INT32),
    MET_ULONG(DataType.UINT32),
    MET_LONG_LONG(DataType.INT64),
    MET_FLOAT(DataType.FLOAT32),
    MET_DOUBLE(DataType.FLOAT64);

    final DataType type;

    MetaElementType(DataType type) {
        this.type = type;
    }

    /** The element type for a header value such as "MET_SHORT" or "MET_SHORT_ARRAY"; null if unknown. */
    static MetaElementType parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.endsWith("_ARRAY")) {
            v = v.substring(0, v.length() - "_ARRAY".length());
        }
        for (MetaElementType t : values()) {
            if (t.name().equals(v)) {
                return t;
            }
        }
        return null;
    }

    /** The name a writer puts in the header for a stored type. */
    static MetaElementType forType(DataType type) {
        return switch (type) {
            case UINT8 -> MET_UCHAR;
            case INT8 -> MET_CHAR;
            case INT16 -> MET_SHORT;
            case UINT16 -> MET_USHORT;
            case INT32 -> MET_INT;
            case UINT32 -> MET_UINT;
            case INT64 -> MET_LONG_LONG;
            case FLOAT32 -> MET_FLOAT;
            case FLOAT64 -> MET_DOUBLE;
        };
    }
}
