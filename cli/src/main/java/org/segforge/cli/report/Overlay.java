package org.segforge.cli.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.segforge.core.image.Volume;

/**
 * Renders a 2D slice in gray with a label map over it: filled at partial opacity, with the
 * boundary drawn solid so that small structures stay visible. Rows are flipped so that the second
 * in-plane axis points up (superior/anterior up for RAS volumes, the neurological convention).
 */
public final class Overlay {
    private static final float FILL_ALPHA = 0.35f;

    private Overlay() {}

    /** A distinct, stable colour for a label value (background 0 gets none). */
    public static Color colour(int label) {
        // golden-ratio hue steps keep neighbouring label values apart
        float hue = (float) ((label * 0.618033988749895) % 1.0);
        return Color.getHSBColor(hue, 0.85f, 1f);
    }

    /**
     * @param image 2D slice (nz = 1)
     * @param labels same-size label slice, or null for the image alone
     * @param lo intensity shown black
     * @param hi intensity shown white
     */
    public static BufferedImage render(Volume image, Volume labels, float lo, float hi) {
        int w = image.nx(), h = image.ny();
        if (labels != null && (labels.nx() != w || labels.ny() != h)) {
            throw new IllegalArgumentException("label slice " + labels.nx() + "×" + labels.ny() + " does not match image " + w + "×" + h);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] px = image.data();
        float[] lab = labels == null ? null : labels.data();
        float scale = hi > lo ? 255f / (hi - lo) : 0f;
        for (int y = 0; y < h; y++) {
            int row = h - 1 - y;
            for (int x = 0; x < w; x++) {
                int i = x + w * y;
                int g = Math.max(0, Math.min(255, Math.round((px[i] - lo) * scale)));
                int r = g, gr = g, b = g;
                int l = lab == null ? 0 : Math.round(lab[i]);
                if (l != 0) {
                    Color c = colour(l);
                    float a = isBoundary(lab, w, h, x, y, l) ? 1f : FILL_ALPHA;
                    r = Math.round(g * (1 - a) + c.getRed() * a);
                    gr = Math.round(g * (1 - a) + c.getGreen() * a);
                    b = Math.round(g * (1 - a) + c.getBlue() * a);
                }
                out.setRGB(x, row, (r << 16) | (gr << 8) | b);
            }
        }
        return out;
    }

    private static boolean isBoundary(float[] lab, int w, int h, int x, int y, int l) {
        return x == 0 || y == 0 || x == w - 1 || y == h - 1
            || Math.round(lab[x - 1 + w * y]) != l || Math.round(lab[x + 1 + w * y]) != l
            || Math.round(lab[x + w * (y - 1)]) != l || Math.round(lab[x + w * (y + 1)]) != l;
    }
}
