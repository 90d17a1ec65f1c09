package org.segforge.cli.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** A grid of captioned pictures (slices with overlays, samples, predictions) in one image. */
public final class ContactSheet {
    private final int columns;
    private final int tile;
    private final List<BufferedImage> images = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();

    /**
     * @param columns tiles per row
     * @param tile the size each picture is scaled to fit (pixels, aspect kept)
     */
    public ContactSheet(int columns, int tile) {
        if (columns < 1 || tile < 8) {
            throw new IllegalArgumentException("columns must be ≥ 1 and tile ≥ 8, got " + columns + ", " + tile);
        }
        this.columns = columns;
        this.tile = tile;
    }

    public ContactSheet add(BufferedImage image, String caption) {
        images.add(image);
        captions.add(caption == null ? "" : caption);
        return this;
    }

    public int size() {
        return images.size();
    }

    public BufferedImage render() {
        int n = Math.max(1, images.size());
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int captionH = 16;
        BufferedImage sheet = new BufferedImage(cols * tile, rows * (tile + captionH), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int i = 0; i < images.size(); i++) {
                BufferedImage im = images.get(i);
                double s = Math.min((double) tile / im.getWidth(), (double) tile / im.getHeight());
                int w = (int) Math.round(im.getWidth() * s), h = (int) Math.round(im.getHeight() * s);
                int x0 = (i % cols) * tile, y0 = (i / cols) * (tile + captionH);
                g.drawImage(im, x0 + (tile - w) / 2, y0 + (tile - h) / 2, w, h, null);
                g.setColor(Color.WHITE);
                g.drawString(captions.get(i), x0 + 4, y0 + tile + 12);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }
}
