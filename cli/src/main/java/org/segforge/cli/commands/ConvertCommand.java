package org.segforge.cli.commands;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.segforge.cli.report.SliceExport;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Intensity;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "convert",
    header = "Converts images between NIfTI, DICOM (input), MetaImage and PNG/JPEG.", mixinStandardHelpOptions = true,
    description = {
        "Converts between NIfTI (.nii, .nii.gz), DICOM (file or series folder; input only), MetaImage (.mhd, .mha) and PNG/JPEG.",
        "Geometry (spacing, orientation, origin) is kept wherever the output format can hold it.",
        "A 3D volume written as PNG gives one file per slice along --axis: OUT_000.png, OUT_001.png, …"},
    footer = {"", "Examples:",
        "  segforge convert ct_series/ ct.nii.gz",
        "  segforge convert ch2.nii.gz slices/ch2.png --axis axial --rescale minmax"})
public final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input image file, or a DICOM series folder.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file; its ending picks the format.")
    Path out;

    @Option(names = "--type", paramLabel = "TYPE",
        description = "Stored data type: uint8, int8, int16, uint16, int32, uint32, int64, float32, float64 (default: the input's, when the output format can store it).")
    String type;

    @Option(names = "--axis", paramLabel = "AXIS", defaultValue = "axial",
        description = "Slice axis for 3D → PNG: axial, coronal, sagittal (or 2/1/0). Default: ${DEFAULT-VALUE}.")
    String axis;

    @Option(names = "--rescale", paramLabel = "MODE", defaultValue = "auto",
        description = "For PNG/JPEG output: auto (keep values that fit 8/16-bit, else min–max to 0..255), minmax (always to 0..255), none. Default: ${DEFAULT-VALUE}.")
    String rescale;

    @Override
    public Integer call() throws Exception {
        var loaded = ImageFiles.read(in);
        Volume v = loaded.volume();
        String name = ImageFiles.lowerName(out);
        boolean toPicture = name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
        if (toPicture) {
            Intensity.requireFinite(v, in.toString());
            int written = SliceExport.writeSlices(v, out, Axis.parse(axis), SliceExport.Rescale.parse(rescale));
            System.out.println("wrote " + written + (written == 1 ? " picture: " + out : " pictures beside " + out));
            return 0;
        }
        DataType t = type != null ? DataType.parse(type) : loaded.storedType();
        ImageFiles.write(v, out, t);
        System.out.println("wrote " + out);
        return 0;
    }
}
