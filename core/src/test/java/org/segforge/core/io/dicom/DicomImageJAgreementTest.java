package org.segforge.core.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import ij.plugin.DICOM;
import ij.process.ImageProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.segforge.core.SharedData;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;

/**
 * ImageJ 1.54p's DICOM reader, an independent decoder, must see the same calibrated voxels
 * (rescale applied, signed 16-bit, big endian, multi-frame) as SegForge's reader. ImageJ cannot
 * open the 1-bit DICOM-SEG (it prints "FileInfo parameter error" and fails), so that file is
 * checked against pydicom only, in {@link DicomFormatTest}.
 */
class DicomImageJAgreementTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CT_small.dcm", "MR_small.dcm", "MR-MONO2-8-16x-heart.dcm", "ser002img00001-16-signed.dcm"})
    void sameVoxelsAsImageJ(String name) throws Exception {
        String path = SharedData.file("dicom/" + name).toString();
        DICOM ij = new DICOM();
        ij.open(path);
        Volume v = ImageFiles.readVolume(SharedData.file("dicom/" + name));
        assertThat(new int[] {v.nx(), v.ny(), v.nz()}).containsExactly(ij.getWidth(), ij.getHeight(), ij.getStackSize());
        ij.measure.Calibration cal = ij.getCalibration();
        int n = v.nx() * v.ny();
        for (int z = 0; z < v.nz(); z++) {
            ImageProcessor ip = ij.getStack().getProcessor(z + 1);
            for (int i = 0; i < n; i++) {
                float expected = (float) cal.getCValue(ip.get(i));
                if (v.data()[z * n + i] != expected) {
                    assertThat(v.data()[z * n + i]).as("%s voxel %d of slice %d", name, i, z).isEqualTo(expected);
                }
            }
        }
        // ImageJ's spacing: pixelWidth from PixelSpacing's column spacing
        if (cal.scaled()) {
            assertThat(v.spacing()[0]).isCloseTo(cal.pixelWidth, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(v.spacing()[1]).isCloseTo(cal.pixelHeight, org.assertj.core.data.Offset.offset(1e-6));
        }
    }
}
