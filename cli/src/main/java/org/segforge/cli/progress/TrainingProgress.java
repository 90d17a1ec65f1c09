package org.segforge.cli.progress;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.segforge.nn.train.LoopConfig;
import org.segforge.nn.train.StepRecord;
import org.segforge.nn.train.TrainingListener;
import org.segforge.nn.train.TrainingResult;
import org.segforge.nn.train.ValidationRecord;

/**
 * A progress bar for a training run on stderr: steps done, ETA, the last loss and a smoothed
 * loss, and the last validation. Quiet (draws nothing) when stderr is not a terminal, so logs of
 * batch jobs stay clean; the run's log.jsonl has the numbers anyway.
 */
public final class TrainingProgress implements TrainingListener {
    /** Weight of the past in the exponential moving average shown next to the last loss. */
    private static final double SMOOTHING = 0.9;

    private final String task;
    private final ProgressBarConsumer consumer;
    private ProgressBar bar;
    private double smoothed = Double.NaN;
    private String validation = "";
    private java.util.List<String> extra = java.util.List.of();

    /**
     * @param task     shown before the bar, e.g. "M0 U-Net"
     * @param consumer where the bar is drawn; null for a quiet listener
     */
    public TrainingProgress(String task, ProgressBarConsumer consumer) {
        this.task = task;
        this.consumer = consumer;
    }

    /** A bar on stderr when the process has a terminal, else a quiet listener. */
    public static TrainingProgress onConsole(String task) {
        return new TrainingProgress(task, System.console() == null ? null : new ConsoleProgressBarConsumer(System.err));
    }

    /**
     * Also shows these metrics of every step after the loss (e.g. a second player's loss), when
     * the step reports them.
     */
    public TrainingProgress showing(String... metrics) {
        extra = java.util.List.of(metrics);
        return this;
    }

    public boolean quiet() {
        return consumer == null;
    }

    @Override
    public void onStart(LoopConfig config, long firstStep) {
        if (consumer == null) {
            return;
        }
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(config.steps())
            .setStyle(ProgressBarStyle.ASCII).setConsumer(consumer).setUpdateIntervalMillis(500)
            .showSpeed().setUnit(" steps", 1)
            // a resumed run's ETA counts only the steps still to do
            .startsFrom(firstStep, Duration.ZERO)
            .build();
    }

    @Override
    public void onStep(StepRecord record) {
        double loss = record.loss();
        if (Double.isFinite(loss)) {
            smoothed = Double.isNaN(smoothed) ? loss : SMOOTHING * smoothed + (1 - SMOOTHING) * loss;
        }
        if (bar != null) {
            bar.stepTo(record.step() + 1);
            StringBuilder more = new StringBuilder();
            for (String k : extra) {
                Double v = record.metrics().get(k);
                if (v != null) {
                    more.append(String.format(" %s %.4g", k, v));
                }
            }
            bar.setExtraMessage(String.format(" loss %.4g (avg %.4g)%s%s", loss, smoothed, more, validation));
        }
    }

    @Override
    public void onValidation(ValidationRecord record) {
        StringBuilder s = new StringBuilder(" | val");
        record.metrics().forEach((k, v) -> s.append(String.format(" %s %.4g", k, v)));
        validation = s.toString();
    }

    @Override
    public void onEnd(TrainingResult result) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** The smoothed loss shown on the bar (NaN before the first finite loss). */
    public double smoothedLoss() {
        return smoothed;
    }
}
