package org.segforge.nn.universeg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import org.segforge.core.DataException;

/**
 * The shape of a UniverSeg network (M5) and the support sizes it is meant for.
 *
 * <p>Encoder level l has one {@link CrossBlock} of {@code encoder.get(l)} features; levels below
 * the first start by 2×2 max-pooling query and support. Decoder block j (from the coarsest up)
 * has {@code decoder.get(j)} features and reads the ×2 (nearest) up-sampled features concatenated
 * with the encoder's skip, on both paths. A 1×1 conv on the query path gives one logit channel.
 *
 * @param size       side of the square images the network sees (inputs are resized to it)
 * @param encoder    features per encoder level (the paper: 64, 64, 64, 64)
 * @param decoder    features per decoder level, one fewer than the encoder (64, 64, 64)
 * @param maxSupport largest support set used in training and offered by default at inference
 */
public record UniverSegConfig(int size, List<Integer> encoder, List<Integer> decoder, int maxSupport) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    public UniverSegConfig {
        if (encoder == null || decoder == null || encoder.isEmpty()) {
            throw new IllegalArgumentException("encoder and decoder features must be given");
        }
        encoder = List.copyOf(encoder);
        decoder = List.copyOf(decoder);
        if (decoder.size() != encoder.size() - 1) {
            throw new IllegalArgumentException("need one decoder level fewer than encoder levels, got "
                    + encoder + " and " + decoder);
        }
        for (int f : encoder) {
            check(f);
        }
        for (int f : decoder) {
            check(f);
        }
        int div = 1 << (encoder.size() - 1);
        if (size < div || size % div != 0) {
            throw new IllegalArgumentException("size must be a positive multiple of " + div + ", got " + size);
        }
        if (maxSupport < 1) {
            throw new IllegalArgumentException("maxSupport must be ≥ 1, got " + maxSupport);
        }
    }

    private static void check(int f) {
        if (f < 1) {
            throw new IllegalArgumentException("features must be positive, got " + f);
        }
    }

    /** The released v1: 128×128, four levels of 64 features, trained with support up to 64. */
    public static UniverSegConfig paper() {
        return new UniverSegConfig(128, List.of(64, 64, 64, 64), List.of(64, 64, 64), 64);
    }

    /** Trains on 2 cores: 64×64, four levels of 16–32 features, support up to 16. */
    public static UniverSegConfig cpu() {
        return new UniverSegConfig(64, List.of(16, 32, 32, 32), List.of(32, 32, 16), 16);
    }

    /** A named preset, "cpu" or "paper". */
    public static UniverSegConfig preset(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "cpu": return cpu();
            case "paper": return paper();
            default: throw new IllegalArgumentException("unknown UniverSeg preset '" + name + "'; use cpu or paper");
        }
    }

    public int levels() {
        return encoder.size();
    }

    public UniverSegConfig withSize(int newSize) {
        return new UniverSegConfig(newSize, encoder, decoder, maxSupport);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + this, e);
        }
    }

    /** Parses {@link #toJson()}'s form; a missing, unknown or invalid field is a {@link DataException}. */
    public static UniverSegConfig fromJson(String json) throws DataException {
        try {
            return JSON.readValue(json, UniverSegConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new DataException(null, "invalid UniverSeg config: " + cause.getMessage(), e);
        }
    }
}
