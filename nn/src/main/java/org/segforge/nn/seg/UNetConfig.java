package org.segforge.nn.seg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.segforge.core.DataException;
import org.segforge.nn.layers.Upsample;

/**
 * The shape of an nnU-Net-style U-Net (M0).
 *
 * <p>Level l (0 ≤ l < depth) has {@code width(l) = min(baseWidth·2^l, maxWidth)} channels and two
 * {@link org.segforge.nn.layers.ConvNormAct} blocks; levels below the first start by halving the
 * resolution ({@link Down}). The decoder mirrors it: learned ×2 up-sampling ({@link Upsample.Mode}),
 * concatenation with the encoder's skip, two conv blocks; a 1×1 conv head gives {@code classes}
 * logits. Spatial input sizes must be multiples of 2^(depth−1).
 *
 * @param dims 2 (NCHW) or 3 (NCDHW)
 * @param inChannels image channels (modalities)
 * @param classes output classes including background (≥ 2)
 * @param baseWidth channels at full resolution
 * @param depth number of resolution levels (depth − 1 down-samplings), ≥ 1
 * @param maxWidth cap on the channels of any level
 * @param down how a level halves the resolution
 * @param up how the decoder doubles it
 */
public record UNetConfig(int dims, int inChannels, int classes, int baseWidth, int depth, int maxWidth, Down down,
        Upsample.Mode up) {

    /** Down-sampling between levels. */
    public enum Down {
        /** The level's first conv has stride 2, as in nnU-Net. */
        STRIDED_CONV,
        /** 2×2(×2) max-pooling before the level's convs, as in the original U-Net. */
        MAX_POOL
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    public UNetConfig {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("dims must be 2 or 3, got " + dims);
        }
        if (inChannels < 1) {
            throw new IllegalArgumentException("inChannels must be ≥ 1, got " + inChannels);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be ≥ 2 (background + one), got " + classes);
        }
        if (baseWidth < 1 || maxWidth < baseWidth) {
            throw new IllegalArgumentException("need 1 ≤ baseWidth ≤ maxWidth, got " + baseWidth + ", " + maxWidth);
        }
        if (depth < 1 || depth > 10) {
            throw new IllegalArgumentException("depth must be in 1..10, got " + depth);
        }
        if (down == null || up == null) {
            throw new IllegalArgumentException("down and up must be given");
        }
    }

    /** Small enough to train in minutes on 2 cores: 2D width 16 depth 4 (≈0.5 M parameters), 3D width 8 depth 3. */
    public static UNetConfig cpu(int dims, int inChannels, int classes) {
        return dims == 2
                ? new UNetConfig(2, inChannels, classes, 16, 4, 256, Down.STRIDED_CONV, Upsample.Mode.TRANSPOSED)
                : new UNetConfig(dims, inChannels, classes, 8, 3, 128, Down.STRIDED_CONV, Upsample.Mode.TRANSPOSED);
    }

    /** nnU-Net-like: 2D width 32 depth 6 max 512; 3D width 32 depth 5 max 320. */
    public static UNetConfig paper(int dims, int inChannels, int classes) {
        return dims == 2
                ? new UNetConfig(2, inChannels, classes, 32, 6, 512, Down.STRIDED_CONV, Upsample.Mode.TRANSPOSED)
                : new UNetConfig(dims, inChannels, classes, 32, 5, 320, Down.STRIDED_CONV, Upsample.Mode.TRANSPOSED);
    }

    /** A named preset, "cpu" or "paper". */
    public static UNetConfig preset(String name, int dims, int inChannels, int classes) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "cpu": return cpu(dims, inChannels, classes);
            case "paper": return paper(dims, inChannels, classes);
            default: throw new IllegalArgumentException("unknown U-Net preset '" + name + "'; use cpu or paper");
        }
    }

    /** Channels of level l. */
    public int width(int level) {
        if (level < 0 || level >= depth) {
            throw new IllegalArgumentException("level " + level + " outside 0.." + (depth - 1));
        }
        return (int) Math.min((long) baseWidth << level, maxWidth);
    }

    /** Spatial sizes must be multiples of this: 2^(depth−1). */
    public int sizeDivisor() {
        return 1 << (depth - 1);
    }

    public UNetConfig withWidth(int newBaseWidth, int newMaxWidth) {
        return new UNetConfig(dims, inChannels, classes, newBaseWidth, depth, newMaxWidth, down, up);
    }

    public UNetConfig withDepth(int newDepth) {
        return new UNetConfig(dims, inChannels, classes, baseWidth, newDepth, maxWidth, down, up);
    }

    public UNetConfig withDown(Down newDown) {
        return new UNetConfig(dims, inChannels, classes, baseWidth, depth, maxWidth, newDown, up);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + this, e);
        }
    }

    /** Parses {@link #toJson()}'s form; a missing, unknown or invalid field is a {@link DataException}. */
    public static UNetConfig fromJson(String json) throws DataException {
        try {
            return JSON.readValue(json, UNetConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new DataException(null, "invalid U-Net config: " + cause.getMessage(), e);
        }
    }
}
