package org.segforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintsTest {
    @Test
    void fileFingerprintDependsOnContentAndNamesNotOnOrder(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "alpha");
        Path b = Files.writeString(Files.createDirectories(dir.resolve("sub")).resolve("b.txt"), "beta");
        String ab = Fingerprints.ofFiles(dir, List.of(a, b));
        assertThat(ab).hasSize(64).isEqualTo(Fingerprints.ofFiles(dir, List.of(b, a)));
        // the same tree named through a relative root
        Path relRoot = Path.of("").toAbsolutePath().relativize(dir);
        assertThat(Fingerprints.ofFiles(relRoot, List.of(relRoot.resolve("a.txt"), relRoot.resolve("sub/b.txt")))).isEqualTo(ab);
        Files.writeString(b, "betA");
        assertThat(Fingerprints.ofFiles(dir, List.of(a, b))).isNotEqualTo(ab);
        Files.writeString(b, "beta");
        Files.move(a, dir.resolve("c.txt"));
        assertThat(Fingerprints.ofFiles(dir, List.of(dir.resolve("c.txt"), b))).isNotEqualTo(ab);
    }

    @Test
    void voxelFingerprintSeesOneVoxelAndTheGeometry() {
        Case c = TaskBuilderTest.synthetic("s");
        String f = Fingerprints.ofCases(List.of(c));
        assertThat(Fingerprints.ofCases(List.of(TaskBuilderTest.synthetic("s")))).isEqualTo(f);
        Case changed = Case.of("s", c.channels().get(0), c.label().copy());
        changed.label().data()[17] = 3;
        assertThat(Fingerprints.ofCases(List.of(changed))).isNotEqualTo(f);
        Case moved = Case.of("s", c.channels().get(0).withAffine(org.segforge.core.image.Affine.identity()),
            c.label().withAffine(org.segforge.core.image.Affine.identity()));
        assertThat(Fingerprints.ofCases(List.of(moved))).isNotEqualTo(f);
        assertThat(Fingerprints.ofCases(List.of(TaskBuilderTest.synthetic("t")))).isNotEqualTo(f);
        Dataset d = Dataset.inMemory("d", List.of("T1"), java.util.Map.of(0, "background", 1, "a"), List.of(c), List.of());
        assertThat(d.provenance().fingerprint()).isEqualTo(f);
        assertThat(d.provenance().fingerprintOf()).isEqualTo(DatasetProvenance.VOXELS);
    }
}
