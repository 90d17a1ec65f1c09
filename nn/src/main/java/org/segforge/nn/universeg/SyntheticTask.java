package org.segforge.nn.universeg;

import java.util.SplittableRandom;

/**
 * Random shapes with random textures (the paper's synthetic tasks, for diversity): each episode
 * draws a background texture, a target texture and a distractor texture (sums of random
 * sinusoids around a mean intensity) and a shape scale; each image then holds 1–3 target
 * ellipses (the label) and 0–3 distractor ellipses at random places, plus noise.
 *
 * @param name task name
 */
public record SyntheticTask(String name) implements EpisodeTask {
    @Override
    public String family() {
        return "synthetic";
    }

    private record Texture(double mean, double amp, double[] fx, double[] fy) {
        static Texture draw(SplittableRandom r) {
            int k = 1 + r.nextInt(3);
            double[] fx = new double[k], fy = new double[k];
            for (int i = 0; i < k; i++) {
                double f = 0.05 + r.nextDouble() * 0.6, a = r.nextDouble() * Math.PI;
                fx[i] = f * Math.cos(a);
                fy[i] = f * Math.sin(a);
            }
            return new Texture(r.nextDouble(), 0.05 + 0.25 * r.nextDouble(), fx, fy);
        }

        /** Fresh phases per image: the same texture, shifted. */
        double[] phases(SplittableRandom r) {
            double[] p = new double[fx.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = r.nextDouble() * 2 * Math.PI;
            }
            return p;
        }

        double at(int x, int y, double[] ph, double scale) {
            double v = 0;
            for (int i = 0; i < fx.length; i++) {
                v += Math.sin((fx[i] * x + fy[i] * y) / scale + ph[i]);
            }
            return mean + amp * v / fx.length;
        }
    }

    @Override
    public Sampler episode(SplittableRandom rng, int size) {
        Texture bg = Texture.draw(rng), fg = Texture.draw(rng), other = Texture.draw(rng);
        double radius = (0.06 + 0.16 * rng.nextDouble()) * size;
        double elongation = 1 + 1.5 * rng.nextDouble();
        double noise = 0.08 * rng.nextDouble();
        double scale = size / 64.0;
        return r -> {
            float[] img = new float[size * size];
            float[] lab = new float[size * size];
            double[] pb = bg.phases(r), pf = fg.phases(r), po = other.phases(r);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    img[x + size * y] = (float) bg.at(x, y, pb, scale);
                }
            }
            int targets = 1 + r.nextInt(3), distractors = r.nextInt(4);
            for (int s = 0; s < targets + distractors; s++) {
                boolean target = s < targets;
                double cx = r.nextDouble() * size, cy = r.nextDouble() * size;
                double rad = radius * (0.7 + 0.6 * r.nextDouble());
                double ra = rad * elongation, rb = rad / elongation, ang = r.nextDouble() * Math.PI;
                double ca = Math.cos(ang), sa = Math.sin(ang);
                Texture t = target ? fg : other;
                double[] ph = target ? pf : po;
                int x0 = Math.max(0, (int) (cx - ra - 1)), x1 = Math.min(size - 1, (int) (cx + ra + 1));
                int y0 = Math.max(0, (int) (cy - ra - 1)), y1 = Math.min(size - 1, (int) (cy + ra + 1));
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                        double u = (dx * ca + dy * sa) / ra, v = (-dx * sa + dy * ca) / rb;
                        if (u * u + v * v <= 1) {
                            img[x + size * y] = (float) t.at(x, y, ph, scale);
                            lab[x + size * y] = target ? 1f : 0f;
                        }
                    }
                }
            }
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < img.length; i++) {
                img[i] += (float) (noise * gaussian(r));
                lo = Math.min(lo, img[i]);
                hi = Math.max(hi, img[i]);
            }
            float range = hi > lo ? hi - lo : 1f;
            for (int i = 0; i < img.length; i++) {
                img[i] = (img[i] - lo) / range;
            }
            return new Pair2d(size, img, lab);
        };
    }

    static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
