package org.segforge.cli.progress;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.segforge.nn.train.LoopConfig;
import org.segforge.nn.train.StepRecord;
import org.segforge.nn.train.TrainingListener;
import org.segforge.nn.train.TrainingResult;
import org.segforge.nn.train.ValidationRecord;

/**
 * A progress bar over training steps on stderr, showing the smoothed loss, the last validation
 * Dice and the ETA. When stderr is not a terminal (logs, tests) it prints a plain line every
 * {@code every} steps instead of redrawing a bar.
 */
public final class TrainingProgress implements TrainingListener {
    private final String task;
    private final int every;
    private ProgressBar bar;
    private double smoothed = Double.NaN;
    private String extra = "";
    private long total;
    private long started;
    private long first;

    /**
     * @param task  shown before the bar, e.g. "train"
     * @param every without a terminal, print a line every this many steps
     */
    public TrainingProgress(String task, int every) {
        this.task = task;
        this.every = Math.max(1, every);
    }

    @Override
    public void onStart(LoopConfig config, long firstStep) {
        total = config.steps();
        started = System.nanoTime();
        first = firstStep;
        if (System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).startsFrom(firstStep, java.time.Duration.ZERO)
                .showSpeed().build();
        }
    }

    @Override
    public void onStep(StepRecord r) {
        double loss = r.loss();
        smoothed = Double.isNaN(smoothed) ? loss : 0.9 * smoothed + 0.1 * loss;
        String msg = String.format(Locale.ROOT, "loss %.4f%s", smoothed, extra);
        long done = r.step() + 1;
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(msg);
        } else if (done % every == 0 || done == total) {
            double elapsed = (System.nanoTime() - started) / 1e9;
            long ran = done - first;
            double eta = ran > 0 ? elapsed / ran * (total - done) : Double.NaN;
            System.err.printf(Locale.ROOT, "%s: step %d/%d, %s, %.2f s/step, ETA %.0f s%n", task, done, total, msg, r.seconds(), eta);
        }
    }

    @Override
    public void onValidation(ValidationRecord r) {
        Double dice = r.metrics().get("dice");
        extra = dice == null ? "" : String.format(Locale.ROOT, ", val Dice %.3f", dice);
        if (bar == null) {
            System.err.printf(Locale.ROOT, "%s: validation after %d steps: %s%n", task, r.completedSteps(), r.metrics());
        }
    }

    @Override
    public void onEnd(TrainingResult result) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
