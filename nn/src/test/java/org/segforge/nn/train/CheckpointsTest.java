package org.segforge.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.DataException;

class CheckpointsTest {
    @TempDir
    Path tmp;

    @Test
    void restoresParametersAndOptimizerStateExactly() throws Exception {
        LoopConfig cfg = LoopConfig.of(10, 1, tmp.toString());
        Checkpoints cps = new Checkpoints(tmp.resolve("checkpoints"), 2);
        try (NDManager m = NDManager.newBaseManager();
             Player a = TinyTask.player("net", m, 1, TinyTask.adam());
             Player b = TinyTask.player("net", m, 2, TinyTask.adam())) {
            // give a some optimiser state
            org.segforge.nn.data.Batcher data = new org.segforge.nn.data.Batcher(TinyTask.maker(), 1, 0);
            for (long s = 0; s < 3; s++) {
                try (NDManager scope = m.newSubManager()) {
                    TinyTask.supervised().run(new StepContext(s, scope, null, List.of(a)), data.make(s).toNDList(scope));
                }
            }
            Path saved = cps.save(3, List.of(a), cfg, null);
            assertThat(Checkpoints.load(saved, List.of(b))).isEqualTo(3);
            assertThat(b.optimizer().updates()).isEqualTo(3);
            for (int i = 0; i < a.block().getParameters().size(); i++) {
                assertThat(b.block().getParameters().valueAt(i).getArray().toFloatArray())
                    .containsExactly(a.block().getParameters().valueAt(i).getArray().toFloatArray());
            }
        }
    }

    @Test
    void aHalfWrittenCheckpointIsInvisibleAndCleanedUp() throws Exception {
        LoopConfig cfg = LoopConfig.of(10, 1, tmp.toString());
        Checkpoints cps = new Checkpoints(tmp.resolve("checkpoints"), 2);
        try (NDManager m = NDManager.newBaseManager(); Player a = TinyTask.player("net", m, 1, TinyTask.adam())) {
            cps.save(2, List.of(a), cfg, null);
            // what a kill during the next save leaves behind
            Path orphan = Files.createDirectories(tmp.resolve("checkpoints/.step-000000004.tmp123"));
            Files.writeString(orphan.resolve("net.params"), "half");
            assertThat(cps.latest().orElseThrow().getFileName().toString()).isEqualTo("step-000000002");
            cps.save(4, List.of(a), cfg, null);
            cps.save(6, List.of(a), cfg, null);
            assertThat(orphan).doesNotExist();
            assertThat(cps.list()).extracting(p -> p.getFileName().toString()).containsExactly("step-000000004", "step-000000006");
        }
    }

    @Test
    void corruptOrMismatchedCheckpointsNameTheFile() throws Exception {
        LoopConfig cfg = LoopConfig.of(10, 1, tmp.toString());
        Checkpoints cps = new Checkpoints(tmp.resolve("checkpoints"), 2);
        try (NDManager m = NDManager.newBaseManager(); Player a = TinyTask.player("net", m, 1, TinyTask.adam());
             Player other = TinyTask.player("critic", m, 1, TinyTask.adam())) {
            Path saved = cps.save(2, List.of(a), cfg, null);
            assertThatThrownBy(() -> Checkpoints.load(saved, List.of(other)))
                .isInstanceOf(DataException.class).hasMessageContaining("[net]").hasMessageContaining("[critic]");
            Path params = saved.resolve("net.params");
            byte[] bytes = Files.readAllBytes(params);
            Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            assertThatThrownBy(() -> Checkpoints.load(saved, List.of(a)))
                .isInstanceOf(DataException.class).hasMessageStartingWith(params.toString());
        }
    }
}
