package org.segforge.nn.wgan;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The critic variants of M1 (METHODS.md, after Subramaniam et al. 2022). Every variant is trained
 * with the WGAN loss and the gradient penalty; they differ in the critic's layers and update.
 */
public enum CriticVariant {
    /** Strided convolutions + LeakyReLU(0.2), gradient penalty. */
    GP("gp", false, false, 1),
    /** GP with spectral normalisation on every critic layer (convolutions and the linear head). */
    SN("sn", true, false, 1),
    /**
     * SN with mixed precision where the device has it. The CPU engine has none (no autocast;
     * bfloat16 aborts the JVM), so on CPU it runs in float32 and says so ({@link Precision}).
     */
    SN_MP("sn-mp", true, true, 1),
    /** SN-MP with twice the filters in every critic layer. */
    C_SN_MP("c-sn-mp", true, true, 2),
    /**
     * The critic trained with DP-SGD (per-sample clipping, Gaussian noise, Poisson sampling). The
     * network is the GP critic; its update is supplied by the privacy package through
     * {@link CriticUpdate}.
     */
    DP("dp", false, false, 1);

    private final String id;
    private final boolean spectralNorm;
    private final boolean mixedPrecision;
    private final int widthFactor;

    CriticVariant(String id, boolean spectralNorm, boolean mixedPrecision, int widthFactor) {
        this.id = id;
        this.spectralNorm = spectralNorm;
        this.mixedPrecision = mixedPrecision;
        this.widthFactor = widthFactor;
    }

    /** The command-line name: gp, sn, sn-mp, c-sn-mp or dp. */
    public String id() {
        return id;
    }

    public boolean spectralNorm() {
        return spectralNorm;
    }

    /** Whether the variant asks for mixed precision (granted only where {@link Precision} allows). */
    public boolean mixedPrecision() {
        return mixedPrecision;
    }

    /** Multiplier of the critic's filter counts. */
    public int widthFactor() {
        return widthFactor;
    }

    /** Parses gp|sn|sn-mp|c-sn-mp|dp (case-insensitive; the enum names are accepted too). */
    public static CriticVariant parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (CriticVariant v : values()) {
                if (v.id.equals(n)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("unknown critic variant '" + name + "'; use one of "
                + Arrays.stream(values()).map(CriticVariant::id).collect(Collectors.joining("|")));
    }
}
