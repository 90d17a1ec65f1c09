package org.segforge.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Slices;
import org.segforge.core.image.Volume;
import org.segforge.core.io.DataType;
import org.segforge.core.io.ImageFiles;
import org.segforge.nn.universeg.SyntheticTask;
import org.segforge.nn.universeg.UniverSegModel;
import org.segforge.nn.universeg.Segmenter;
import org.segforge.nn.universeg.UniverSegConfig;
import org.segforge.nn.universeg.UniverSegTrainConfig;
import org.segforge.nn.universeg.UniverSegTraining;

/**
 * {@code segforge segment} end to end on Colin27 slices (real image, real AAL labels), with a tiny
 * model trained for two steps here (the command's job is tested, not the model's quality).
 */
class SegmentCommandTest {
    static final Path DEMO = Path.of(System.getProperty("segforge.root", "..")).resolve("data/demo");

    @TempDir
    static Path tmp;
    static Path model;
    static Volume ch2;
    static Volume aal;

    @BeforeAll
    static void tinyModelAndData() throws Exception {
        UniverSegConfig cfg = new UniverSegConfig(16, List.of(4, 4, 4), List.of(4, 4), 4);
        UniverSegTrainConfig tc = new UniverSegTrainConfig(cfg, 1, 2, 2, 1e-3, 0, 1, 1, false, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSegTraining.Run run = UniverSegTraining.build(tc, List.of(new SyntheticTask("a")), List.of(), "test",
                    tmp.resolve("run"), 2, 0, List.of(), m);
            model = run.loop().run().lastCheckpoint();
            run.player().close();
        }
        ch2 = ImageFiles.readVolume(DEMO.resolve("colin27/ch2.nii.gz"));
        aal = ImageFiles.readVolume(DEMO.resolve("colin27/aal.nii.gz"));
    }

    @Test
    void segments2dQueriesOfAnySizeWithSeveralLabels() throws Exception {
        Path support = tmp.resolve("support");
        Files.createDirectories(support.resolve("images"));
        Files.createDirectories(support.resolve("labels"));
        for (int z : new int[] {80, 90, 100}) {
            ImageFiles.write(Slices.extract(ch2, Axis.AXIAL, z), support.resolve("images/s" + z + ".nii.gz"));
            ImageFiles.write(Slices.extract(aal, Axis.AXIAL, z), support.resolve("labels/s" + z + ".nii.gz"), DataType.UINT8);
        }
        Path queries = tmp.resolve("queries");
        Files.createDirectories(queries);
        ImageFiles.write(Slices.extract(ch2, Axis.AXIAL, 85), queries.resolve("q85.png"), DataType.UINT8);
        ImageFiles.write(Slices.extract(ch2, Axis.CORONAL, 110), queries.resolve("q110.nii.gz"));
        Path out = tmp.resolve("out2d");
        CliRunner.Result r = CliRunner.run("segment", "--support", support.toString(), "--query", queries.toString(),
                "--out", out.toString(), "--model", model.toString(), "--labels", "1,2,3", "--ensemble", "2");
        assertEquals(0, r.exitCode(), r.err());
        Volume a = ImageFiles.readVolume(out.resolve("q85.png"));
        assertEquals(181, a.nx());
        assertEquals(217, a.ny());
        Volume b = ImageFiles.readVolume(out.resolve("q110.nii.gz"));
        assertEquals(181, b.nx());
        assertEquals(181, b.ny());
        for (Volume v : List.of(a, b)) {
            for (float x : v.data()) {
                assertTrue(Set.of(0f, 1f, 2f, 3f).contains(x), "unexpected label " + x);
            }
        }
    }

    @Test
    void segmentsTheUnlabelledSlicesOfAVolume() throws Exception {
        // a 3D piece of Colin27 with AAL labels on two axial slices only
        int nx = 60, ny = 60, nz = 5, x0 = 60, y0 = 80, z0 = 90;
        float[] img = new float[nx * ny * nz], ann = new float[nx * ny * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x + nx * (y + ny * z);
                    img[i] = ch2.get(x0 + x, y0 + y, z0 + z);
                    if (z == 0 || z == 4) {
                        ann[i] = aal.get(x0 + x, y0 + y, z0 + z);
                    }
                }
            }
        }
        Volume vol = new Volume(nx, ny, nz, img, ch2.affine());
        Path volFile = tmp.resolve("piece.nii.gz"), annFile = tmp.resolve("piece_ann.nii.gz");
        ImageFiles.write(vol, volFile);
        ImageFiles.write(vol.withData(ann), annFile, DataType.UINT8);
        Path out = tmp.resolve("out3d");
        CliRunner.Result r = CliRunner.run("segment", "--volume", volFile.toString(), "--annotated", annFile.toString(),
                "--out", out.toString(), "--model", model.toString(), "--labels", "71,72");
        assertEquals(0, r.exitCode(), r.err());
        Volume seg = ImageFiles.readVolume(out.resolve("piece_seg.nii.gz"));
        assertEquals(nx, seg.nx());
        assertEquals(nz, seg.nz());
        assertArrayEquals(ch2.affine().toArray(), seg.affine().toArray(), 1e-4);
        assertArrayEquals(Slices.extract(vol.withData(ann), Axis.AXIAL, 4).data(), Slices.extract(seg, Axis.AXIAL, 4).data());
        for (float x : Slices.extract(seg, Axis.AXIAL, 2).data()) {
            assertTrue(x == 0 || x == 71 || x == 72, "unexpected label " + x);
        }
        assertTrue(r.err().contains("3 slices from 2 annotated"), r.err());
    }

    @Test
    void nearestUsesTheMostSimilarSupportSlices() throws Exception {
        List<Segmenter.Example> support = new java.util.ArrayList<>();
        for (int z : new int[] {40, 100, 88, 60}) {
            support.add(new Segmenter.Example(Slices.extract(ch2, Axis.AXIAL, z), Slices.extract(aal, Axis.AXIAL, z)));
        }
        try (UniverSegModel m = UniverSegModel.load(model)) {
            Segmenter seg = new Segmenter(m, 1, 4, 1);
            List<Segmenter.Example> two = seg.mostSimilar(Slices.extract(ch2, Axis.AXIAL, 92), support, 2);
            // the slices next to 92 (88, then 100) are the most similar images; 40 and 60 are not
            assertEquals(List.of(support.get(2), support.get(1)), two);
            assertEquals(4, seg.mostSimilar(Slices.extract(ch2, Axis.AXIAL, 92), support, 9).size());
        }
        Path sup = tmp.resolve("support-nearest");
        Files.createDirectories(sup.resolve("images"));
        Files.createDirectories(sup.resolve("labels"));
        for (int z : new int[] {80, 90}) {
            ImageFiles.write(Slices.extract(ch2, Axis.AXIAL, z), sup.resolve("images/s" + z + ".nii.gz"));
            ImageFiles.write(Slices.extract(aal, Axis.AXIAL, z), sup.resolve("labels/s" + z + ".nii.gz"), DataType.UINT8);
        }
        Path q = tmp.resolve("q-nearest.nii.gz");
        ImageFiles.write(Slices.extract(ch2, Axis.AXIAL, 86), q);
        CliRunner.Result r = CliRunner.run("segment", "--support", sup.toString(), "--query", q.toString(), "--labels", "1",
                "--out", tmp.resolve("out-nearest").toString(), "--model", model.toString(), "--nearest", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("(the 1 most similar to each query)"), r.err());
        assertEquals(181, ImageFiles.readVolume(tmp.resolve("out-nearest/q-nearest.nii.gz")).nx());
        CliRunner.Result bad = CliRunner.run("segment", "--volume", "a.nii", "--annotated", "b.nii", "--nearest", "2", "--out", tmp.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--nearest"), bad.err());
    }

    @Test
    void refusesMixedModes() {
        CliRunner.Result r = CliRunner.run("segment", "--volume", "a.nii", "--query", "b.png", "--out", tmp.toString());
        assertEquals(SegForge.EXIT_USAGE, r.exitCode());
    }
}
