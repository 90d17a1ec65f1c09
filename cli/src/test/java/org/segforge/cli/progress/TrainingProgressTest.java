package org.segforge.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.Test;
import org.segforge.nn.train.LoopConfig;
import org.segforge.nn.train.StepRecord;
import org.segforge.nn.train.TrainingResult;
import org.segforge.nn.train.ValidationRecord;

class TrainingProgressTest {
    /** Records what the bar draws instead of writing to a terminal. */
    static final class Capture implements ProgressBarConsumer {
        final List<String> lines = new ArrayList<>();

        @Override
        public int getMaxRenderedLength() {
            return 200;
        }

        @Override
        public synchronized void accept(String s) {
            lines.add(s);
        }

        @Override
        public void close() {}
    }

    @Test
    void barShowsStepsLossAndValidation() {
        Capture c = new Capture();
        TrainingProgress p = new TrainingProgress("M0", c);
        p.onStart(LoopConfig.of(10, 1, "/tmp/unused"), 0);
        for (int s = 0; s < 10; s++) {
            p.onStep(new StepRecord(s, 0.01, Map.of("loss", 1.0 / (s + 1))));
        }
        p.onValidation(new ValidationRecord(10, Map.of("dice", 0.75)));
        p.onStep(new StepRecord(9, 0.01, Map.of("loss", 0.1)));
        p.onEnd(new TrainingResult(0, 10, List.of(), List.of(), null, 1));
        String last = c.lines.get(c.lines.size() - 1);
        assertThat(last).contains("M0").contains("10/10").contains("loss 0.1").contains("dice 0.75");
        assertThat(p.smoothedLoss()).isCloseTo(expectedEma(), within(1e-12));
    }

    private static double expectedEma() {
        double e = 1.0;
        for (int s = 1; s < 10; s++) {
            e = 0.9 * e + 0.1 / (s + 1);
        }
        return 0.9 * e + 0.1 * 0.1;
    }

    @Test
    void quietWithoutATerminal() {
        TrainingProgress p = new TrainingProgress("M0", null);
        p.onStart(LoopConfig.of(3, 1, "/tmp/unused"), 1);
        p.onStep(new StepRecord(1, 0.01, Map.of("loss", 2.0)));
        p.onEnd(new TrainingResult(1, 3, List.of(), List.of(), null, 1));
        assertThat(p.quiet()).isTrue();
        assertThat(p.smoothedLoss()).isEqualTo(2.0);
        // surefire's JVM has no console, so the factory picks the quiet form
        assertThat(TrainingProgress.onConsole("x").quiet()).isEqualTo(System.console() == null);
    }
}
