package org.segforge.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.cli.demo.DemoData;
import org.segforge.core.data.Case;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Resize;
import org.segforge.core.image.Slices;
import org.segforge.core.image.Volume;
import org.segforge.core.metric.Metric;
import org.segforge.nn.seg.SegTrainingConfig;
import org.segforge.nn.seg.UNetConfig;

/**
 * The downstream protocol on real Colin27 slices (4 mm, brain mask). The "generator" here is a
 * broken one whose labels are the inverse of the brain mask, so the synthetic-only segmenter must
 * do clearly worse than the real-only one and the paired test must say so; a protocol that mixed
 * up conditions, test cases or seeds would not.
 */
class SyntheticDownstreamTest {
    @TempDir
    Path dir;

    @Test
    void aSegmenterTrainedOnWrongSyntheticLabelsLosesToRealOnHeldOutRealSlices() throws Exception {
        DemoData d = DemoData.load(Path.of(System.getProperty("segforge.root", "..")).resolve("data/demo"));
        Volume t1 = Resize.toSpacing(d.t1(), 4, 4, 4, Resize.Mode.LINEAR);
        Volume mask = Resize.toSpacing(d.brainMask(), 4, 4, 4, Resize.Mode.NEAREST);
        List<Case> real = new ArrayList<>(), broken = new ArrayList<>(), test = new ArrayList<>();
        int nz = t1.nz();
        for (int z = nz / 4; z < nz / 2; z += 2) {
            Volume img = Slices.extract(t1, Axis.AXIAL, z), lab = Slices.extract(mask, Axis.AXIAL, z);
            real.add(Case.of("real-" + z, img, lab));
            float[] inv = lab.data().clone();
            for (int i = 0; i < inv.length; i++) {
                inv[i] = inv[i] > 0 ? 0 : 1;
            }
            broken.add(Case.of("synthetic-" + z, img, lab.withData(inv)));
        }
        for (int z = nz / 2 + 2; z < 3 * nz / 4; z += 2) {
            test.add(Case.of("test-" + z, Slices.extract(t1, Axis.AXIAL, z), Slices.extract(mask, Axis.AXIAL, z)));
        }
        SegTrainingConfig cfg = SegTrainingConfig.cpu(2, 1, 2).withNet(UNetConfig.cpu(2, 1, 2).withWidth(8, 32).withDepth(3))
            .withPatch(List.of(32, 32), 4).withSteps(40);

        SyntheticDownstream r = SyntheticDownstream.run(real, broken, test, cfg, new long[] {1}, dir);

        assertThat(r.conditions()).extracting(SyntheticDownstream.Condition::name)
            .containsExactly(SyntheticDownstream.REAL, SyntheticDownstream.SYNTHETIC, SyntheticDownstream.BOTH);
        assertThat(r.conditions()).extracting(SyntheticDownstream.Condition::trainingCases)
            .containsExactly(real.size(), broken.size(), 2 * real.size());
        SyntheticDownstream.Condition realOnly = r.conditions().get(0), synth = r.conditions().get(1);
        assertThat(realOnly.perCaseDice()).hasSize(test.size());
        assertThat(realOnly.dice().mean()).isGreaterThan(0.7);
        assertThat(synth.dice().mean()).isLessThan(0.4);
        SyntheticDownstream.Comparison diceVsReal = r.versusReal().get(0);
        assertThat(diceVsReal.condition()).isEqualTo(SyntheticDownstream.SYNTHETIC);
        assertThat(diceVsReal.metric()).isEqualTo(Metric.DICE);
        assertThat(diceVsReal.meanDiff()).isLessThan(-0.3);
        assertThat(diceVsReal.test().pValue()).isLessThan(0.05);
        assertThat(dir.toFile().list()).as("the work folder is deleted").isEmpty();
    }
}
