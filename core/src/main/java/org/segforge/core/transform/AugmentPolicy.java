package org.segforge.core.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Named augmentation policies, for configuration files and the command line. A name selects one
 * family with its defaults, applied to every sample; a comma list ("rotation,noise") chains them
 * in the order given; "stacked" is nnU-Net's default training pipeline with its probabilities.
 */
public final class AugmentPolicy {
    /** Every valid policy name, in documentation order. */
    public static final List<String> NAMES =
            List.of("none", "contrast", "noise", "rotation", "scaling", "flip", "elastic", "bias", "blur", "stacked");

    private AugmentPolicy() {}

    /**
     * The policy for a name or a comma-separated list of names (case and spaces ignored).
     *
     * @throws IllegalArgumentException naming the unknown entry and listing the valid names
     */
    public static RandomTransform parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("augmentation policy is empty; valid names: " + String.join(", ", NAMES));
        }
        List<RandomTransform> parts = new ArrayList<>();
        for (String raw : spec.split(",")) {
            parts.add(named(raw.trim().toLowerCase(Locale.ROOT), spec));
        }
        return parts.size() == 1 ? parts.get(0) : new RandomCompose(parts);
    }

    private static RandomTransform named(String name, String spec) {
        return switch (name) {
            case "none" -> Identity.INSTANCE;
            case "contrast" -> RandomCompose.of(new RandomLinearContrast(), new RandomGamma());
            case "noise" -> new RandomNoise();
            case "rotation" -> new RandomRotation();
            case "scaling" -> new RandomScaling();
            case "flip" -> new RandomFlip();
            case "elastic" -> new RandomElastic();
            case "bias" -> new RandomBiasField();
            case "blur" -> new RandomBlur();
            case "stacked" -> stacked();
            default -> throw new IllegalArgumentException("unknown augmentation '" + name + "' in '" + spec
                    + "'; valid names: " + String.join(", ", NAMES) + " (or a comma list of them)");
        };
    }

    /**
     * nnU-Net v2's default training augmentation with its probabilities (rotation 0.2 and scaling
     * 0.2 in one warp, no elastic; noise 0.1; blur 0.2; brightness 0.15; contrast 0.15; gamma 0.3;
     * mirroring per axis 0.5), but with this project's gentler ranges (±15°, ×0.85–1.25). nnU-Net's
     * low-resolution simulation and inverted gamma are left out.
     */
    public static RandomTransform stacked() {
        return RandomCompose.of(
                new RandomSpatial(new RandomRotation(), 0.2, new RandomScaling(), 0.2, new RandomElastic(), 0),
                new RandomNoise().withProbability(0.1),
                new RandomBlur().withProbability(0.2),
                new RandomBrightness().withProbability(0.15),
                new RandomLinearContrast().withProbability(0.15),
                new RandomGamma().withProbability(0.3),
                new RandomFlip());
    }
}
