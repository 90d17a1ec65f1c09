package org.segforge.core.data.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;

class PatchSamplerTest {
    private static final Affine OBLIQUE = Affine.of(0.9, 0.1, 0, -20, -0.1, 0.9, 0, 30, 0, 0, 1.5, -7, 0, 0, 0, 1);

    /** 40×30×20 volume, image = voxel index, label: class 1 in a 3×3×3 cube, class 2 in a 2×2×2 cube. */
    private static Volume[] caseWithSmallForeground() {
        int nx = 40, ny = 30, nz = 20;
        float[] img = new float[nx * ny * nz], lab = new float[img.length];
        for (int i = 0; i < img.length; i++) {
            img[i] = i;
        }
        Volume label = new Volume(nx, ny, nz, lab, OBLIQUE);
        for (int z = 3; z < 6; z++) for (int y = 4; y < 7; y++) for (int x = 30; x < 33; x++) label.set(x, y, z, 1);
        for (int z = 15; z < 17; z++) for (int y = 20; y < 22; y++) for (int x = 5; x < 7; x++) label.set(x, y, z, 2);
        return new Volume[] {new Volume(nx, ny, nz, img, OBLIQUE), label};
    }

    private static boolean hasForeground(Volume label) {
        for (float v : label.data()) {
            if (v > 0) return true;
        }
        return false;
    }

    @Test
    void shareOfPatchesWithForegroundMatchesItsExpectation() {
        Volume[] c = caseWithSmallForeground();
        int[] p = {16, 12, 8};
        PatchSampler sampler = new PatchSampler(p, 1.0 / 3, 0f);
        // q: exact share of uniform patch positions that overlap some foreground, by enumeration.
        int hit = 0, all = 0;
        for (int z = 0; z <= 20 - p[2]; z++) for (int y = 0; y <= 30 - p[1]; y++) for (int x = 0; x <= 40 - p[0]; x++) {
            all++;
            boolean a = x < 33 && x + p[0] > 30 && y < 7 && y + p[1] > 4 && z < 6 && z + p[2] > 3;
            boolean b = x < 7 && x + p[0] > 5 && y < 22 && y + p[1] > 20 && z < 17 && z + p[2] > 15;
            if (a || b) hit++;
        }
        double q = (double) hit / all, expected = 1.0 / 3 + 2.0 / 3 * q;
        int n = 3000, withFg = 0, centred = 0;
        for (Patch patch : sampler.sample(c[0], c[1], n, 5)) {
            if (hasForeground(patch.label())) withFg++;
            if (patch.foregroundCentred()) {
                centred++;
                assertThat(hasForeground(patch.label())).isTrue();
            }
        }
        double se = Math.sqrt(expected * (1 - expected) / n);
        assertThat((double) withFg / n).isCloseTo(expected, org.assertj.core.api.Assertions.within(4 * se));
        assertThat((double) centred / n).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(4 * Math.sqrt(2.0 / 9 / n)));
        assertThat(q).isLessThan(0.3); // the test is only meaningful when oversampling changes the share
    }

    @Test
    void sameSeedSamePatchesAndPatchesKeepTheirWorldPositions() {
        Volume[] c = caseWithSmallForeground();
        PatchSampler sampler = new PatchSampler(16, 12, 8);
        List<Patch> a = sampler.sample(c[0], c[1], 50, 9), b = sampler.sample(c[0], c[1], 50, 9), other = sampler.sample(c[0], c[1], 50, 10);
        boolean differs = false;
        for (int i = 0; i < a.size(); i++) {
            assertThat(new int[] {a.get(i).x0(), a.get(i).y0(), a.get(i).z0()}).containsExactly(b.get(i).x0(), b.get(i).y0(), b.get(i).z0());
            assertThat(a.get(i).image().data()).containsExactly(b.get(i).image().data());
            differs |= a.get(i).x0() != other.get(i).x0() || a.get(i).y0() != other.get(i).y0();
        }
        assertThat(differs).isTrue();
        for (Patch p : a) {
            Volume img = p.image();
            assertThat(img.shape()).containsExactly(16, 12, 8);
            for (int[] v : new int[][] {{0, 0, 0}, {15, 11, 7}, {3, 9, 2}}) {
                int sx = p.x0() + v[0], sy = p.y0() + v[1], sz = p.z0() + v[2];
                assertThat(img.get(v[0], v[1], v[2])).isEqualTo(c[0].get(sx, sy, sz));
                assertThat(p.label().get(v[0], v[1], v[2])).isEqualTo(c[1].get(sx, sy, sz));
                double[] w1 = img.affine().apply(v[0], v[1], v[2]), w2 = c[0].affine().apply(sx, sy, sz);
                for (int k = 0; k < 3; k++) {
                    assertThat(w1[k]).isCloseTo(w2[k], org.assertj.core.api.Assertions.within(1e-9));
                }
            }
        }
    }

    @Test
    void imagesSmallerThanThePatchArePaddedAndKeptWhole() {
        float[] img = new float[10 * 8], lab = new float[10 * 8];
        for (int i = 0; i < img.length; i++) {
            img[i] = 1 + i;
            lab[i] = i % 7 == 0 ? 1 : 0;
        }
        Volume image = Volume.image2d(10, 8, img), label = Volume.image2d(10, 8, lab);
        PatchSampler sampler = new PatchSampler(new int[] {16, 16}, 0.5, -1f);
        for (Patch p : sampler.sample(image, label, 40, 3)) {
            assertThat(p.image().shape()).containsExactly(16, 16, 1);
            double sum = 0;
            int pad = 0;
            for (float v : p.image().data()) {
                if (v == -1f) pad++; else sum += v;
            }
            assertThat(pad).isEqualTo(16 * 16 - 80);
            assertThat(sum).isEqualTo(80 * 81 / 2.0);
            assertThat(p.x0()).isBetween(-6, 0);
            assertThat(p.y0()).isBetween(-8, 0);
        }
    }

    /**
     * On the real BrainWeb tissue map (argmax of ITK's memberships: 1 = CSF with 2 343 voxels, 2 =
     * grey matter 14 648, 3 = white matter 10 446), foreground-centred patches are centred on each
     * class about equally often, however rare the class: the class is drawn first, then the voxel.
     */
    @Test
    void everyForegroundClassIsEquallyLikelyAsACentreOnARealTissueMap() throws Exception {
        Volume m = org.segforge.core.io.ImageFiles.readVolume(org.segforge.core.SharedData.file("brainweb-2d/BayesianClassifierInitializerMemberships.mhd"));
        float[] lab = new float[m.frameSize()];
        for (int i = 0; i < lab.length; i++) {
            int best = 0;
            for (int k = 1; k < 4; k++) {
                if (m.data()[i + k * lab.length] > m.data()[i + best * lab.length]) best = k;
            }
            lab[i] = best;
        }
        Volume label = new Volume(m.nx(), m.ny(), 1, lab, m.affine());
        Volume image = m.frame(0);
        PatchSampler sampler = new PatchSampler(new int[] {32, 32}, 1.0, 0f);
        int[] centres = new int[4];
        int n = 1500;
        for (Patch p : sampler.sample(image, label, n, 17)) {
            assertThat(p.foregroundCentred()).isTrue();
            centres[p.centreClass()]++;
            float k = p.centreClass();
            boolean present = false;
            for (float v : p.label().data()) {
                present |= v == k;
            }
            assertThat(present).as("patch centred on class %s contains it", k).isTrue();
        }
        double se = Math.sqrt(1.0 / 3 * 2 / 3 / n);
        for (int k = 1; k < 4; k++) {
            assertThat((double) centres[k] / n).as("class %d", k).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(5 * se));
        }
    }

    @Test
    void noForegroundMeansUniformAndBadArgumentsAreRejected() {
        Volume image = Volume.zeros(20, 20, 1, null), label = Volume.zeros(20, 20, 1, null);
        PatchSampler all = new PatchSampler(new int[] {8, 8}, 1.0, 0f);
        assertThat(all.sample(image, label, LabelIndex.of(label), new SplittableRandom(1)).foregroundCentred()).isFalse();
        assertThatThrownBy(() -> new PatchSampler(new int[] {8, 8}, 1.5, 0f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PatchSampler(8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> all.sample(image, Volume.zeros(20, 19, 1, null), 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
