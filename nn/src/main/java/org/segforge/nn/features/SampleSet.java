package org.segforge.nn.features;

import java.util.List;
import org.segforge.core.image.Volume;

/**
 * A set of samples to evaluate: images of one shape (2D images have nz = 1) and, optionally, one
 * label map per image. Intensities may have any range; the evaluator normalises each image.
 *
 * @param name shown in reports, e.g. "real" or "wgan-gp"
 * @param images the images (first frame used)
 * @param labels one label map per image, or null
 */
public record SampleSet(String name, List<Volume> images, List<Volume> labels) {
    public SampleSet {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("sample set " + name + " is empty");
        }
        images = List.copyOf(images);
        if (labels != null) {
            if (labels.size() != images.size()) {
                throw new IllegalArgumentException("sample set " + name + ": " + labels.size() + " labels for " + images.size() + " images");
            }
            labels = List.copyOf(labels);
        }
        Volume first = images.get(0);
        for (int i = 0; i < images.size(); i++) {
            Volume v = images.get(i);
            if (v.nx() != first.nx() || v.ny() != first.ny() || v.nz() != first.nz()) {
                throw new IllegalArgumentException("sample set " + name + ": sample " + i + " is " + v.nx() + "×" + v.ny() + "×" + v.nz()
                        + ", sample 0 is " + first.nx() + "×" + first.ny() + "×" + first.nz() + " (one shape per set)");
            }
            if (labels != null && (labels.get(i).nx() != v.nx() || labels.get(i).ny() != v.ny() || labels.get(i).nz() != v.nz())) {
                throw new IllegalArgumentException("sample set " + name + ": label " + i + " does not match its image's shape");
            }
        }
    }

    public int size() {
        return images.size();
    }

    /** {nx, ny, nz} of every sample. */
    public int[] shape() {
        Volume v = images.get(0);
        return new int[] {v.nx(), v.ny(), v.nz()};
    }
}
