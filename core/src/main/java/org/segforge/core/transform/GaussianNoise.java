package org.segforge.core.transform;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.segforge.core.image.Volume;

/**
 * Additive Gaussian noise with standard deviation {@code relativeSigma × std(channel)}, so the
 * strength means the same on raw uint8 MRI, Hounsfield units or z-scored data (nnU-Net draws an
 * absolute variance because its inputs are already z-scored). The noise itself comes from
 * {@code noiseSeed}: each (channel, z-slice) has its own generator derived from it, which keeps the
 * result identical whatever the number of threads.
 */
public record GaussianNoise(double relativeSigma, long noiseSeed) implements Transform {
    public GaussianNoise {
        if (!(relativeSigma >= 0) || !Double.isFinite(relativeSigma)) {
            throw new IllegalArgumentException("relative noise sigma must be ≥ 0 and finite, got " + relativeSigma);
        }
    }

    @Override
    public Sample apply(Sample sample) {
        if (relativeSigma == 0) {
            return sample;
        }
        Volume image = sample.image();
        float[] src = image.data();
        float[] out = new float[src.length];
        int nz = image.nz(), slice = image.nx() * image.ny();
        for (int t = 0; t < image.nt(); t++) {
            double sigma = relativeSigma * Channels.stats(image, t).std();
            int frame = t;
            IntStream.range(0, nz).parallel().forEach(z -> {
                SplittableRandom g = new SplittableRandom(noiseSeed + 0x9E3779B97F4A7C15L * (1L + frame * (long) nz + z));
                int off = (frame * nz + z) * slice;
                for (int i = off; i < off + slice; i++) {
                    out[i] = (float) (src[i] + sigma * g.nextGaussian());
                }
            });
        }
        return sample.withImage(image.withData(out));
    }
}
