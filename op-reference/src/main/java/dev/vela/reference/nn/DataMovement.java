package dev.vela.reference.nn;

import dev.vela.spi.DataType;
import java.util.EnumSet;
import java.util.Set;

/** Element types claimed by the layout-moving operators (Pad, DepthToSpace, SpaceToDepth), which copy bytes. */
final class DataMovement {

    /** The claimed types; any fixed-width type works, these are the ones models use. */
    static final Set<DataType> TYPES = EnumSet.of(
            DataType.FLOAT32,
            DataType.FLOAT16,
            DataType.INT8,
            DataType.UINT8,
            DataType.INT16,
            DataType.INT32,
            DataType.INT64,
            DataType.BOOL);

    private DataMovement() {}
}
