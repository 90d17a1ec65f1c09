package org.segforge.nn.dan;

/**
 * One normalised 2D image (x fastest, values in [0, 1]) with its class-index label, or without one
 * (an unannotated image).
 *
 * @param id     where it came from, e.g. "colin27:z=90"
 * @param width  x size
 * @param height y size
 * @param image  width·height normalised intensities
 * @param label  width·height class indices, or null when unannotated
 */
public record Slice2d(String id, int width, int height, float[] image, float[] label) {
    public Slice2d {
        if (width < 1 || height < 1 || image == null || image.length != width * height) {
            throw new IllegalArgumentException("slice " + id + ": need width·height = " + width + "·" + height + " values, got "
                    + (image == null ? "none" : image.length));
        }
        if (label != null && label.length != image.length) {
            throw new IllegalArgumentException("slice " + id + ": label has " + label.length + " values, image " + image.length);
        }
    }

    public boolean isAnnotated() {
        return label != null;
    }

    /** The same image without its label (to use it as unannotated). */
    public Slice2d withoutLabel() {
        return new Slice2d(id, width, height, image, null);
    }
}
