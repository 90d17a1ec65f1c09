package org.segforge.nn.universeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.segforge.core.DataException;
import org.segforge.core.image.Axis;
import org.segforge.core.image.Slices;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;

/** The model shipped in models/universeg-cpu loads and segments the Colin27 brain of an unseen slice from the most similar of 5 axial examples. */
class ShippedModelTest {
    @Test
    void shippedModelSegmentsTheBrainOfAnUnseenSlice() throws DataException {
        Path demo = Path.of("../data/demo/colin27");
        Volume ch2 = ImageFiles.readVolume(demo.resolve("ch2.nii.gz"));
        Volume mask = ImageFiles.readVolume(demo.resolve("brainmask.nii.gz"));
        try (UniverSegModel m = UniverSegModel.load(Path.of("../models/universeg-cpu"))) {
            // stage 4: the cpu preset's widths at 128×128 input
            assertEquals(UniverSegConfig.cpu().withSize(128), m.config());
            assertEquals(7L, m.provenance().seed());
            assertEquals(1, m.selectNearest());
            List<Segmenter.Example> support = new ArrayList<>();
            for (int z : new int[] {70, 80, 90, 100, 110}) {
                support.add(new Segmenter.Example(Slices.extract(ch2, Axis.AXIAL, z), Slices.extract(mask, Axis.AXIAL, z)));
            }
            // as segment uses it: the example most similar to the query (slice 90 or 100)
            Segmenter seg = new Segmenter(m, 1, 16, 1);
            Volume query = Slices.extract(ch2, Axis.AXIAL, 95);
            Volume out = seg.segment(query, seg.mostSimilar(query, support, m.selectNearest()), new int[] {1});
            float[] p = out.data(), g = Slices.extract(mask, Axis.AXIAL, 95).data();
            long inter = 0, a = 0, b = 0;
            for (int i = 0; i < p.length; i++) {
                a += p[i] > 0 ? 1 : 0;
                b += g[i] > 0 ? 1 : 0;
                inter += p[i] > 0 && g[i] > 0 ? 1 : 0;
            }
            double dice = 2.0 * inter / (a + b);
            // the brain mask is a training family; recorded: stage 4 0.991 and stage 3 0.986 (this way);
            // stages 1 and 2 0.976 and 0.982 (all 5 examples in one pass)
            assertTrue(dice > 0.9, "brain Dice " + dice);
        }
    }
}
