package org.segforge.core.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.segforge.core.DataException;
import org.segforge.core.data.Fold;
import org.segforge.core.data.SplitSizes;
import org.segforge.core.data.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitsFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsFolds() throws Exception {
        List<String> ids = List.of("a", "b", "c", "d", "e", "f");
        List<Fold> folds = Splits.kFold(ids, 3, 11);
        Path f = dir.resolve(SplitsFile.FILE_NAME);
        SplitsFile.write(f, folds);
        assertThat(SplitsFile.read(f)).isEqualTo(folds);
        Fold one = Splits.bySubject(ids, SplitSizes.counts(3, 1, 2), 5);
        SplitsFile.write(f, List.of(one));
        assertThat(SplitsFile.read(f)).containsExactly(one);
    }

    @Test
    void readsNnUnetSplitsFinalWithoutTest() throws Exception {
        Path f = dir.resolve("splits_final.json");
        Files.writeString(f, "[{\"train\": [\"la_003\", \"la_004\"], \"val\": [\"la_005\"]}]");
        assertThat(SplitsFile.read(f)).containsExactly(new Fold(List.of("la_003", "la_004"), List.of("la_005"), List.of()));
    }

    @Test
    void refusesLeakyOrMalformedFiles() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "[{\"train\": [\"a\", \"b\"], \"val\": [\"b\"]}]");
        assertThatThrownBy(() -> SplitsFile.read(f)).isInstanceOf(DataException.class).hasMessageContaining("'b' is in two parts");
        Files.writeString(f, "{\"train\": []}");
        assertThatThrownBy(() -> SplitsFile.read(f)).isInstanceOf(DataException.class).hasMessageContaining("list of folds");
        assertThatThrownBy(() -> SplitsFile.read(dir.resolve("missing.json"))).isInstanceOf(DataException.class);
    }
}
