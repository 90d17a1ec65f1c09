package org.segforge.cli.progress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar over a known number of items (files, cases, queries) on stderr, drawn only when
 * the process has a terminal, so that logs and pipes stay clean.
 */
public final class FileProgress implements AutoCloseable {
    private final ProgressBar bar;

    private FileProgress(ProgressBar bar) {
        this.bar = bar;
    }

    public static FileProgress start(String task, long total) {
        if (System.console() == null) {
            return new FileProgress(null);
        }
        return new FileProgress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
            .setConsumer(new ConsoleProgressBarConsumer(System.err)).continuousUpdate().build());
    }

    public void step() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
