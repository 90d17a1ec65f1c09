package org.segforge.cli.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.ImageReader;
import org.segforge.nn.seg.SegModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "predict",
    header = "Segments images with a trained model (sliding windows).", mixinStandardHelpOptions = true,
    description = {
        "Segments images with a model trained by 'segforge train': sliding windows of the training patch size",
        "with overlap and Gaussian weighting (nnU-Net's inference), optionally averaged over mirrored copies.",
        "Writes one label map per input into DIR, named after the input (an nnU-Net channel suffix _0000 is",
        "dropped): NIfTI (.nii.gz, uint8/int16 class indices, the input's affine), or PNG for PNG/JPEG inputs.",
        "A 2D model segments a volume slice by slice along its third voxel axis. Files are written only when",
        "every input has been segmented, so a failure leaves DIR without partial results."},
    footer = {"", "Examples:",
        "  segforge predict --model runs/brain --in tasks/brainmask/1/axial/imagesTr --out predictions/",
        "  segforge predict --model runs/brain --in scan.nii.gz --out predictions/ --mirror --overlap 0.5"})
public final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "Run folder written by 'segforge train'.")
    Path model;

    @Option(names = "--in", required = true, paramLabel = "IMAGE_OR_DIR", description = "An image file, or a folder of image files.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the label maps (created if needed).")
    Path out;

    @Option(names = "--mirror", description = "Average over flips of the spatial axes (test-time augmentation; 4x/8x slower).")
    boolean mirror;

    @Option(names = "--overlap", defaultValue = "0.5", paramLabel = "F",
        description = "Share of the patch that neighbouring windows overlap, in [0, 1). Default: ${DEFAULT-VALUE}.")
    double overlap;

    @Override
    public Integer call() throws Exception {
        if (!(overlap >= 0 && overlap < 1)) {
            throw new IllegalArgumentException("--overlap must be in [0, 1), got " + overlap);
        }
        List<Path> inputs = inputs(in);
        try (SegModel m = SegModel.load(model)) {
            Files.createDirectories(out);
            Path staging = Files.createTempDirectory(out, ".predict-");
            try {
                List<Path[]> moves = new ArrayList<>();
                ProgressBar bar = System.console() != null && inputs.size() > 1
                    ? new ProgressBarBuilder().setTaskName("predict").setInitialMax(inputs.size()).setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()
                    : null;
                try {
                    for (Path file : inputs) {
                        Volume image = ImageFiles.readVolume(file);
                        Volume labels = segment(m, image, file);
                        boolean png = isPicture(file);
                        String name = outputName(file) + (png ? ".png" : ".nii.gz");
                        Path staged = staging.resolve(name);
                        ImageFiles.write(labels, staged, png ? DataType.UINT8 : m.config().net().classes() <= 256 ? DataType.UINT8 : DataType.INT16);
                        moves.add(new Path[] {staged, out.resolve(name)});
                        if (bar != null) {
                            bar.step();
                        } else {
                            System.err.println("predict: " + file + " -> " + out.resolve(name));
                        }
                    }
                } finally {
                    if (bar != null) {
                        bar.close();
                    }
                }
                for (Path[] mv : moves) {
                    Files.move(mv[0], mv[1], StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                AtomicFiles.deleteTreeQuietly(staging);
            }
        }
        System.out.printf(Locale.ROOT, "segmented %d image(s) into %s%n", inputs.size(), out);
        return 0;
    }

    /** The label map of one image; a 2D model goes slice by slice through a volume. */
    private Volume segment(SegModel m, Volume image, Path file) throws DataException {
        int channels = m.config().net().inChannels();
        if (image.nt() != channels) {
            throw new DataException(file, "has " + image.nt() + " channel(s)/frame(s); the model expects " + channels);
        }
        if (m.config().dims() == 3 || image.nz() == 1) {
            if (m.config().dims() == 3 && image.nz() == 1) {
                throw new DataException(file, "is a 2D image; the model is a 3D U-Net");
            }
            return m.predict(image, mirror, overlap).labels();
        }
        int nx = image.nx(), ny = image.ny(), nz = image.nz(), plane = nx * ny;
        float[] labels = new float[plane * nz];
        for (int z = 0; z < nz; z++) {
            float[] slice = new float[plane * channels];
            for (int t = 0; t < channels; t++) {
                System.arraycopy(image.data(), (t * nz + z) * plane, slice, t * plane, plane);
            }
            Volume s = new Volume(nx, ny, 1, channels, slice, image.affine());
            System.arraycopy(m.predict(s, mirror, overlap).labels().data(), 0, labels, z * plane, plane);
        }
        return new Volume(nx, ny, nz, 1, labels, image.affine());
    }

    static List<Path> inputs(Path in) throws DataException {
        if (!Files.exists(in)) {
            throw new DataException(in, "no such file or folder");
        }
        if (!Files.isDirectory(in)) {
            return List.of(in);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = s.filter(Files::isRegularFile).filter(PredictCommand::readable).sorted().toList();
        } catch (IOException e) {
            throw new DataException(in, "cannot list: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DataException(in, "holds no image file this tool reads (NIfTI, MetaImage, PNG/JPEG, DICOM)");
        }
        return files;
    }

    private static boolean readable(Path f) {
        String n = f.getFileName().toString();
        if (n.startsWith(".") || ImageFiles.lowerName(f).endsWith(".raw") || ImageFiles.lowerName(f).endsWith(".json")) {
            return false;
        }
        for (ImageReader r : ImageFiles.readers()) {
            if (r.accepts(f)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPicture(Path f) {
        String n = ImageFiles.lowerName(f);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /** The file name without its image ending and without nnU-Net's channel suffix _0000. */
    static String outputName(Path f) {
        String n = f.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".nii.gz", ".nii", ".mha", ".mhd", ".png", ".jpg", ".jpeg", ".dcm"}) {
            if (lower.endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
                break;
            }
        }
        return n.matches(".*_0000") ? n.substring(0, n.length() - 5) : n;
    }
}
