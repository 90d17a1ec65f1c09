package org.segforge.core.io.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded byte-level mutations for fuzzing file readers: each returns a new array and a description
 * that, with the case's seed, is enough to reproduce a failure. Format-independent, so that every
 * reader's fuzz test can share them; format-specific knowledge (where the dims are) stays in the test.
 */
public final class Mutations {
    private Mutations() {}

    /** Mutated bytes with a human-readable account of what was done. */
    public record Mutant(byte[] bytes, String description) {}

    /** Keeps only the first {@code 0..length-1} bytes (a random length). */
    public static Mutant truncate(byte[] b, SplittableRandom rng) {
        int n = b.length == 0 ? 0 : rng.nextInt(b.length);
        return new Mutant(Arrays.copyOf(b, n), "truncate to " + n + " of " + b.length + " bytes");
    }

    /** Sets {@code count} random bytes in [from, to) to random values. */
    public static Mutant randomBytes(byte[] b, int from, int to, int count, SplittableRandom rng) {
        byte[] out = b.clone();
        to = Math.min(to, b.length);
        if (to <= from) {
            return new Mutant(out, "no bytes to change in [" + from + ", " + to + ")");
        }
        StringBuilder sb = new StringBuilder("set bytes");
        for (int i = 0; i < count; i++) {
            int at = from + rng.nextInt(to - from);
            out[at] = (byte) rng.nextInt(256);
            sb.append(' ').append(at).append('=').append(out[at] & 0xFF);
        }
        return new Mutant(out, sb.toString());
    }

    /** Flips one random bit in each of {@code count} random bytes in [from, to). */
    public static Mutant flipBits(byte[] b, int from, int to, int count, SplittableRandom rng) {
        byte[] out = b.clone();
        to = Math.min(to, b.length);
        if (to <= from) {
            return new Mutant(out, "no bits to flip in [" + from + ", " + to + ")");
        }
        StringBuilder sb = new StringBuilder("flip bits");
        for (int i = 0; i < count; i++) {
            int at = from + rng.nextInt(to - from);
            int bit = rng.nextInt(8);
            out[at] ^= (byte) (1 << bit);
            sb.append(' ').append(at).append(':').append(bit);
        }
        return new Mutant(out, sb.toString());
    }

    /** Writes an integer of {@code width} bytes (1, 2, 4 or 8) at {@code offset} in the given order. */
    public static Mutant putInt(byte[] b, int offset, int width, long value, ByteOrder order, String field) {
        byte[] out = b.clone();
        if (offset + width > out.length) {
            return new Mutant(out, field + " beyond the end, unchanged");
        }
        ByteBuffer bb = ByteBuffer.wrap(out).order(order);
        switch (width) {
            case 1 -> bb.put(offset, (byte) value);
            case 2 -> bb.putShort(offset, (short) value);
            case 4 -> bb.putInt(offset, (int) value);
            case 8 -> bb.putLong(offset, value);
            default -> throw new IllegalArgumentException("width " + width);
        }
        return new Mutant(out, field + " = " + value);
    }

    /** Writes a float (width 4) or double (width 8) at {@code offset}. */
    public static Mutant putReal(byte[] b, int offset, int width, double value, ByteOrder order, String field) {
        byte[] out = b.clone();
        if (offset + width > out.length) {
            return new Mutant(out, field + " beyond the end, unchanged");
        }
        ByteBuffer bb = ByteBuffer.wrap(out).order(order);
        if (width == 4) {
            bb.putFloat(offset, (float) value);
        } else {
            bb.putDouble(offset, value);
        }
        return new Mutant(out, field + " = " + value);
    }

    /** Replaces bytes at {@code offset} with {@code text} (ASCII), e.g. a magic string. */
    public static Mutant putText(byte[] b, int offset, String text, String field) {
        byte[] out = b.clone();
        for (int i = 0; i < text.length() && offset + i < out.length; i++) {
            out[offset + i] = (byte) text.charAt(i);
        }
        return new Mutant(out, field + " = '" + text.replace("\0", "\\0") + "'");
    }

    /** Appends {@code n} random bytes. */
    public static Mutant appendGarbage(byte[] b, int n, SplittableRandom rng) {
        byte[] out = Arrays.copyOf(b, b.length + n);
        for (int i = b.length; i < out.length; i++) {
            out[i] = (byte) rng.nextInt(256);
        }
        return new Mutant(out, "append " + n + " random bytes");
    }

    /** A random integer that is often at an interesting edge (0, ±1, extremes) rather than uniform. */
    public static long edgyInt(SplittableRandom rng, int width) {
        long max = width >= 8 ? Long.MAX_VALUE : (1L << (8 * width - 1)) - 1;
        long min = width >= 8 ? Long.MIN_VALUE : -(1L << (8 * width - 1));
        return switch (rng.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> max;
            case 3 -> min;
            case 4 -> 1;
            case 5 -> rng.nextLong(-1000, 1000);
            case 6 -> rng.nextLong(0, Math.min(max, 1L << 20));
            default -> width >= 8 ? rng.nextLong() : rng.nextLong(min, max + 1);
        };
    }

    /** A random real that is often special (NaN, ±∞, 0, negative, huge). */
    public static double edgyReal(SplittableRandom rng) {
        return switch (rng.nextInt(9)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> 0;
            case 4 -> -rng.nextDouble(1e6);
            case 5 -> 1e30;
            case 6 -> rng.nextDouble(1e-6);
            case 7 -> rng.nextInt(2000);
            default -> rng.nextDouble(-1e4, 1e4);
        };
    }

    /** Gzips bytes (fast level: fuzzing makes many). */
    public static byte[] gzip(byte[] b) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(b.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bos, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /** Un-gzips bytes known to be valid. */
    public static byte[] gunzip(byte[] b) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
