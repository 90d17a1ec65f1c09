package org.segforge.core.io.png;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.segforge.core.DataException;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.ImageReader;
import org.segforge.core.io.ImageWriter;
import org.segforge.core.io.LoadedImage;
import org.segforge.core.io.ReadLimits;

/**
 * PNG and JPEG 2D images through {@code javax.imageio}, as volumes with nz = 1, unit spacing and
 * the identity affine (image row r is y = r).
 *
 * <p>Gray images keep their stored sample values exactly (8 or 16 bits; 1–4-bit gray keeps the
 * small integers, so a 1-bit mask reads as 0/1, as numpy shows PIL's mode "1"). Colour (RGB, RGBA, palette) becomes gray by the
 * ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B, kept as a float; a pixel whose R, G and B are equal
 * keeps that value exactly. Alpha is ignored. {@link #readChannels} gives the channels separately.
 *
 * <p>Only PNG is written: one 2D slice as 8- or 16-bit gray.
 */
public final class PngFormat implements ImageReader, ImageWriter {
    private static final double LUMA_R = 0.299, LUMA_G = 0.587, LUMA_B = 0.114;

    @Override
    public String name() {
        return "PNG/JPEG";
    }

    @Override
    public boolean accepts(Path file) {
        String n = ImageFiles.lowerName(file);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    // ------------------------------------------------------------------ reading

    @Override
    public LoadedImage read(Path file) throws DataException {
        Decoded d = decode(file);
        float[] gray = d.gray();
        Volume v = new Volume(d.width(), d.height(), 1, 1, gray, Affine.identity());
        return new LoadedImage(file, name(), d.storedType(), v, d.header());
    }

    /**
     * The image's channels as the frames of a volume (nx × ny × 1 × channels): 1 for gray, 2 for
     * gray + alpha, 3 for RGB, 4 for RGBA; palette images give the palette's RGB (and alpha if any).
     */
    public Volume readChannels(Path file) throws DataException {
        Decoded d = decode(file);
        return new Volume(d.width(), d.height(), 1, d.channels(), d.channelData(), Affine.identity());
    }

    /** What was decoded: channel-planar samples and how they were stored. */
    private record Decoded(int width, int height, int channels, float[] channelData, DataType storedType,
                           Map<String, Object> header, boolean colour) {
        /** Luma for colour, the single channel for gray. */
        float[] gray() {
            int n = width * height;
            if (!colour) {
                return channels == 1 ? channelData : java.util.Arrays.copyOf(channelData, n);
            }
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                float r = channelData[i], g = channelData[n + i], b = channelData[2 * n + i];
                out[i] = (r == g && g == b) ? r : (float) (LUMA_R * r + LUMA_G * g + LUMA_B * b);
            }
            return out;
        }
    }

    private Decoded decode(Path file) throws DataException {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file, "no such file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new DataException(file, "cannot open for reading");
            }
            Iterator<javax.imageio.ImageReader> it = ImageIO.getImageReaders(in);
            if (!it.hasNext()) {
                throw new DataException(file, "not a PNG or JPEG image (no decoder recognises it)");
            }
            javax.imageio.ImageReader reader = it.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                ReadLimits.checkVoxels(file, w, h);
                checkDecodeMemory(file, reader, w, h, Files.size(file));
                BufferedImage img = reader.read(0);
                return unpack(file, img, reader.getFormatName().toLowerCase(java.util.Locale.ROOT), isGrayPng(reader));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new DataException(file, "cannot decode image: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // ImageIO's decoders throw unchecked exceptions on some corrupt streams
            throw new DataException(file, "corrupt image data (" + e + ")", e);
        }
    }

    /** The decoded raster plus our float copy must fit the heap. */
    private static void checkDecodeMemory(Path file, javax.imageio.ImageReader reader, int w, int h, long fileSize)
            throws IOException, DataException {
        int bands = 4, bytes = 2, bits = 16; // worst case when the decoder cannot say beforehand
        ImageTypeSpecifier spec = reader.getRawImageType(0);
        if (spec != null) {
            bands = spec.getNumBands();
            bits = 0;
            for (int b = 0; b < bands; b++) {
                bits = Math.max(bits, spec.getBitsPerBand(b));
            }
            bytes = (bits + 7) / 8;
        }
        if ("png".equalsIgnoreCase(reader.getFormatName())) {
            // PNG data are deflated, which cannot shrink more than about 1032:1: a file far too small
            // for its IHDR dimensions is corrupt, and decoding it would first allocate the whole raster
            long rawBytes = ((long) w * bands * bits + 7) / 8 * h + h;
            if (rawBytes > fileSize * 1100 + 4096) {
                throw new DataException(file, "a " + fileSize + "-byte PNG cannot hold " + w + "×" + h
                    + " pixels (corrupt header or truncated file)");
            }
        }
        long need = (long) w * h * ((long) bands * bytes + 20L); // raster + up to 4 float channels + gray
        long allowed = ReadLimits.maxVoxels() * 8L;
        if (need > allowed) {
            throw new DataException(file, "decoding " + w + "×" + h + " needs about " + (need >> 20)
                + " MiB, more than the heap allows (raise -Xmx if the image is genuine)");
        }
    }

    /**
     * Whether the PNG's IHDR says gray. ImageIO hands 1-, 2- and 4-bit gray PNGs over with a gray
     * ramp palette, which would turn a 0/1 mask into 0/255; their samples are the values.
     */
    private static boolean isGrayPng(javax.imageio.ImageReader reader) throws IOException {
        if (!"png".equalsIgnoreCase(reader.getFormatName())) {
            return false;
        }
        javax.imageio.metadata.IIOMetadata meta = reader.getImageMetadata(0);
        if (meta == null || !"javax_imageio_png_1.0".equals(meta.getNativeMetadataFormatName())) {
            return false;
        }
        org.w3c.dom.Node root = meta.getAsTree("javax_imageio_png_1.0");
        for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if ("IHDR".equals(n.getNodeName())) {
                org.w3c.dom.Node type = n.getAttributes().getNamedItem("colorType");
                return type != null && type.getNodeValue().startsWith("Gray");
            }
        }
        return false;
    }

    private Decoded unpack(Path file, BufferedImage img, String formatName, boolean grayPng) throws DataException {
        int w = img.getWidth(), h = img.getHeight(), n = w * h;
        Raster r = img.getRaster();
        ColorModel cm = img.getColorModel();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", formatName);
        header.put("width", w);
        header.put("height", h);
        if (cm instanceof IndexColorModel icm && !grayPng) {
            boolean alpha = icm.hasAlpha();
            int ch = alpha ? 4 : 3;
            float[] out = new float[n * ch];
            int[] idx = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, idx);
                for (int x = 0; x < w; x++) {
                    int k = idx[x], i = y * w + x;
                    if (k < 0 || k >= icm.getMapSize()) {
                        throw new DataException(file, "palette index " + k + " beyond the palette of " + icm.getMapSize());
                    }
                    out[i] = icm.getRed(k);
                    out[n + i] = icm.getGreen(k);
                    out[2 * n + i] = icm.getBlue(k);
                    if (alpha) {
                        out[3 * n + i] = icm.getAlpha(k);
                    }
                }
            }
            header.put("colour", "palette of " + icm.getMapSize());
            header.put("bits per sample", 8);
            header.put("to gray", "luma 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601)");
            return new Decoded(w, h, ch, out, DataType.UINT8, header, true);
        }
        int bands = r.getNumBands();
        int bits = r.getSampleModel().getSampleSize(0);
        if (bands != 1 && bands != 2 && bands != 3 && bands != 4) {
            throw new DataException(file, bands + " colour channels are not supported");
        }
        float[] out = new float[n * bands];
        float[] row = new float[w];
        for (int b = 0; b < bands; b++) {
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, b, row);
                System.arraycopy(row, 0, out, b * n + y * w, w);
            }
        }
        boolean colour = bands >= 3;
        header.put("colour", switch (bands) {
            case 1 -> "gray";
            case 2 -> "gray+alpha";
            case 3 -> "rgb";
            default -> "rgba";
        });
        header.put("bits per sample", bits);
        if (colour) {
            header.put("to gray", "luma 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601)");
        }
        return new Decoded(w, h, bands, out, bits > 8 ? DataType.UINT16 : DataType.UINT8, header, colour);
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes one 2D slice as an 8-bit (type null when every value is an integer in 0..255, or
     * uint8) or 16-bit (uint16) gray PNG. Values must already be integers in range: scaling
     * intensities is the caller's choice, not the writer's.
     */
    @Override
    public void write(Volume volume, Path file, DataType type) throws DataException {
        String n = ImageFiles.lowerName(file);
        if (!n.endsWith(".png")) {
            throw new DataException(file, "only PNG is written (JPEG is lossy); use a .png name");
        }
        if (!volume.is2d()) {
            throw new DataException(file, "a PNG holds one 2D slice but the volume is "
                + java.util.Arrays.toString(volume.shape()) + "; slice it first (segforge convert --axis)");
        }
        DataType t = type != null ? type : chooseType(volume.data());
        if (t == null) {
            float[] range = volume.range();
            throw new DataException(file, "values " + range[0] + ".." + range[1]
                + " are not all integers in 0..65535; rescale the intensities before writing a PNG");
        }
        if (t != DataType.UINT8 && t != DataType.UINT16) {
            throw new DataException(file, "a PNG stores uint8 or uint16, not " + t.name().toLowerCase(java.util.Locale.ROOT));
        }
        float[] d = volume.data();
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            if (!(v >= 0 && v <= t.max()) || v != Math.rint(v)) {
                throw new DataException(file, "pixel (" + (i % volume.nx()) + ", " + (i / volume.nx()) + ") is " + v
                    + ", which " + t.name().toLowerCase(java.util.Locale.ROOT) + " cannot hold; rescale the intensities first");
            }
        }
        int w = volume.nx(), h = volume.ny();
        BufferedImage img = new BufferedImage(w, h, t == DataType.UINT8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                row[x] = (int) d[y * w + x];
            }
            r.setSamples(0, y, w, 1, 0, row);
        }
        AtomicFiles.write(file, out -> {
            javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(new IIOImage(img, null, null));
            } finally {
                writer.dispose();
            }
        });
    }

    /** uint8 when every value is an integer in 0..255, uint16 for 0..65535, else null. */
    private static DataType chooseType(float[] d) {
        float hi = 0;
        for (float v : d) {
            if (!(v >= 0) || v != Math.rint(v)) {
                return null;
            }
            hi = Math.max(hi, v);
        }
        return hi <= 255 ? DataType.UINT8 : hi <= 65535 ? DataType.UINT16 : null;
    }
}
