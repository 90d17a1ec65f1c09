package org.segforge.nn.wgan;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.segforge.core.image.Volume;
import org.segforge.nn.data.HostArray;

/**
 * Experiment helper, not a test: loads a WGAN run, times sampling, and writes a PNG grid of the
 * middle axial slices of generated pairs (top rows) and of real training pairs (bottom rows), image
 * in grey with the label's outline in red. The CLI's report code will draw the real pictures; this
 * is only to look at a run.
 *
 * <p>Usage: {@code WganSampleGrid RUN_DIR COLIN27_DIR OUT_PNG [N SEED SCALE]}.
 */
public final class WganSampleGrid {
    private WganSampleGrid() {}

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        int scale = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        try (WganModel model = WganModel.load(run)) {
            WganConfig c = model.config();
            model.sample(16, 999); // warm-up
            int timed = 128;
            long t0 = System.nanoTime();
            model.sample(timed, 1000);
            double s = (System.nanoTime() - t0) * 1e-9;
            System.out.printf("sampling: %d pairs of %s in %.2f s = %.1f pairs/s%n", timed, c.size(), s, timed / s);
            List<SyntheticPair> fake = model.sample(n, seed);
            PatchPairs data = PatchPairs.colin27BrainMask(Path.of(args[1]), c);
            HostArray real = data.pairs("real", n, new SplittableRandom(seed));
            List<SyntheticPair> reals = new ArrayList<>();
            long[] sh = real.shape();
            int nx = c.size().get(0), ny = c.size().get(1), nz = c.dims() == 3 ? c.size().get(2) : 1;
            int per = nx * ny * nz;
            for (int i = 0; i < n; i++) {
                float[] img = new float[per], lab = new float[per];
                for (int k = 0; k < per; k++) {
                    img[k] = (real.data()[2 * i * per + k] + 1) / 2;
                    lab[k] = real.data()[(2 * i + 1) * per + k] > 0 ? 1 : 0;
                }
                reals.add(new SyntheticPair(new Volume(nx, ny, nz, img, null), new Volume(nx, ny, nz, lab, null)));
            }
            int cols = 8;
            int rows = (n + cols - 1) / cols;
            BufferedImage grid = new BufferedImage(cols * nx * scale, 2 * rows * ny * scale + scale * 4, BufferedImage.TYPE_INT_RGB);
            draw(grid, fake, cols, 0, scale);
            draw(grid, reals, cols, rows * ny * scale + scale * 4, scale);
            Path out = Path.of(args[2]);
            Files.createDirectories(out.toAbsolutePath().getParent());
            ImageIO.write(grid, "png", out.toFile());
            double fg = 0;
            for (SyntheticPair p : fake) {
                for (float v : p.label().data()) {
                    fg += v;
                }
            }
            double fgReal = 0;
            for (SyntheticPair p : reals) {
                for (float v : p.label().data()) {
                    fgReal += v;
                }
            }
            System.out.printf("wrote %s (%d generated above, %d real below); label share: generated %.3f, real %.3f%n",
                    out, n, sh[0], fg / (n * (double) per), fgReal / (n * (double) per));
        }
    }

    private static void draw(BufferedImage grid, List<SyntheticPair> pairs, int cols, int top, int scale) {
        for (int i = 0; i < pairs.size(); i++) {
            Volume img = pairs.get(i).image(), lab = pairs.get(i).label();
            int z = img.nz() / 2;
            int ox = (i % cols) * img.nx() * scale, oy = top + (i / cols) * img.ny() * scale;
            for (int y = 0; y < img.ny(); y++) {
                for (int x = 0; x < img.nx(); x++) {
                    int g = Math.round(255 * img.get(x, y, z));
                    boolean edge = lab.get(x, y, z) > 0 && (x == 0 || y == 0 || x == img.nx() - 1 || y == img.ny() - 1
                            || lab.get(x - 1, y, z) == 0 || lab.get(x + 1, y, z) == 0 || lab.get(x, y - 1, z) == 0 || lab.get(x, y + 1, z) == 0);
                    int rgb = edge ? 0xFF2020 : g << 16 | g << 8 | g;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            // flip y so that anterior is up in the picture
                            grid.setRGB(ox + x * scale + dx, oy + (img.ny() - 1 - y) * scale + dy, rgb);
                        }
                    }
                }
            }
        }
    }
}
