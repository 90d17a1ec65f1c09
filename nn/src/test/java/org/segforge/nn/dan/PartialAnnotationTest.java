package org.segforge.nn.dan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.SharedData;
import org.segforge.core.image.Resize;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.metric.LabelMetrics;
import org.segforge.core.metric.SegmentationMetrics;
import org.segforge.nn.seg.UNetConfig;

/**
 * The partial-annotation mode end to end on Colin27 at 4 mm (ch2 and its brain mask, area /
 * nearest resize to 45×54×45): one annotated axial slice, ten unannotated around it.
 */
class PartialAnnotationTest {
    static {
        ai.djl.engine.Engine.getInstance();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    @TempDir
    Path tmp;

    static Volume[] colin4mm() throws Exception {
        Volume img = ImageFiles.readVolume(SharedData.file("colin27/ch2.nii.gz"));
        Volume mask = ImageFiles.readVolume(SharedData.file("colin27/ch2bet.nii.gz"));
        float[] m = mask.data().clone();
        for (int i = 0; i < m.length; i++) {
            m[i] = m[i] > 0 ? 1 : 0;
        }
        return new Volume[] {Resize.to(img, 45, 54, 45, Resize.Mode.AREA), Resize.to(mask.withData(m), 45, 54, 45, Resize.Mode.NEAREST)};
    }

    @Test
    void poolsHoldTheAnnotatedSliceAndItsNeighbours() throws Exception {
        Volume[] v = colin4mm();
        DanData d = PartialAnnotation.pools(v[0], v[1], new TreeSet<>(List.of(22)), 5, 2);
        assertThat(d.labelled()).extracting(Slice2d::id).containsExactly("z=22");
        assertThat(d.unlabelled()).hasSize(10).allMatch(s -> !s.isAnnotated());
        assertThat(PartialAnnotation.pools(v[0], v[1], new TreeSet<>(List.of(22, 30)), 0, 2).unlabelled()).hasSize(43);
        assertThat(PartialAnnotation.classesOf(v[1])).isEqualTo(2);
        // unannotated slices all 0: the non-empty slices are the annotated ones
        Volume partial = Volume.zeros(45, 54, 45, v[1].affine());
        System.arraycopy(v[1].data(), 22 * 45 * 54, partial.data(), 22 * 45 * 54, 45 * 54);
        assertThat(PartialAnnotation.nonEmptySlices(partial)).containsExactly(22);
        assertThatThrownBy(() -> PartialAnnotation.pools(v[0], v[1], new TreeSet<>(List.of(45)), 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
    }

    @Test
    void oneAnnotatedSliceSegmentsTheVolumeOnItsGrid() throws Exception {
        Volume[] v = colin4mm();
        SortedSet<Integer> annotated = new TreeSet<>(List.of(22));
        DanData d = PartialAnnotation.pools(v[0], v[1], annotated, 5, 2);
        DanConfig cfg = DanConfig.cpu(2).withSn(UNetConfig.cpu(2, 1, 2).withWidth(4, 16).withDepth(3)).withPatch(32, 32)
                .withSteps(25, 10).withBatches(2, 2).withSeed(3);
        try (NDManager m = NDManager.newBaseManager(); DanTrainer t = new DanTrainer(cfg, m)) {
            t.loop(d, tmp.resolve("run").toString(), "colin27-4mm", 0, List.of()).run();
            Volume seg = PartialAnnotation.segment(t.model(), m, v[0], 32, 32, v[1], annotated);
            assertThat(seg.shape()).containsExactly(v[0].shape());
            assertThat(seg.affine()).isEqualTo(v[0].affine());
            int plane = 45 * 54;
            for (int i = 0; i < plane; i++) {
                assertThat(seg.data()[22 * plane + i]).isEqualTo(v[1].data()[22 * plane + i]);
            }
            // the neighbouring slices (not annotated) are segmented far better than chance
            Volume near = sub(seg, 18, 27), ref = sub(v[1], 18, 27);
            Map<Integer, LabelMetrics> mt = SegmentationMetrics.compute(near, ref, 1);
            assertThat(mt.get(1).dice()).as("Dice near the annotated slice").isGreaterThan(0.6);
        }
    }

    private static Volume sub(Volume v, int z0, int z1) {
        int plane = v.nx() * v.ny();
        return new Volume(v.nx(), v.ny(), z1 - z0, 1, java.util.Arrays.copyOfRange(v.data(), z0 * plane, z1 * plane), v.affine());
    }
}
