package org.segforge.nn.wgan;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

/**
 * The one place that decides the critic's arithmetic. The variants SN-MP and C-SN-MP ask for mixed
 * precision; the engine this project runs on has none on CPU (no autocast; bfloat16 aborts the JVM;
 * float16 on CPU is ~20× slower, ARCHITECTURE.md), so on CPU the answer is float32 and the note
 * says that mixed precision was requested but unavailable. Run metrics carry {@code
 * mixedPrecision} = 0/1 and the run folder's wgan.json carries this record. A CUDA build switches
 * mixed precision on here (and only here).
 *
 * @param requested whether the variant asked for mixed precision
 * @param active    whether it runs with mixed precision
 * @param dataType  the arithmetic of the critic's forward and backward
 * @param device    the device it was resolved for
 * @param note      why, in words
 */
public record Precision(boolean requested, boolean active, String dataType, String device, String note) {
    /** The precision for {@code variant} on {@code device}. */
    public static Precision resolve(CriticVariant variant, Device device) {
        String dev = device.toString();
        if (!variant.mixedPrecision()) {
            return new Precision(false, false, DataType.FLOAT32.name(), dev, "float32 (mixed precision not requested)");
        }
        // Mixed precision needs autocast (float16 matmuls/convs with float32 master weights and loss
        // scaling); the engine exposes no autocast, and no half-precision path has been verified on
        // any device here, so every device runs float32 until a CUDA build enables it at this line.
        String why = device.isGpu()
                ? "mixed precision requested but not enabled: this build has no autocast path for CUDA yet; running float32"
                : "mixed precision requested but unavailable on " + dev
                  + " (the CPU engine has no autocast and bfloat16 aborts); running float32";
        return new Precision(true, false, DataType.FLOAT32.name(), dev, why);
    }
}
