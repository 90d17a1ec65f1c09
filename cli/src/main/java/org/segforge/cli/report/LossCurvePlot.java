package org.segforge.cli.report;

import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.segforge.core.DataException;
import org.segforge.nn.train.StepRecord;

/**
 * The loss of every step of a run (thin) and its moving average over {@code window} steps
 * (thick), as a picture.
 */
public final class LossCurvePlot {
    private LossCurvePlot() {}

    public static BufferedImage render(List<StepRecord> steps, String title, int width, int height) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("no steps to plot");
        }
        int n = steps.size();
        double[] x = new double[n], y = new double[n], avg = new double[n];
        int window = Math.max(1, n / 20);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            x[i] = steps.get(i).step() + 1;
            y[i] = steps.get(i).loss();
            sum += y[i];
            if (i >= window) {
                sum -= y[i - window];
            }
            avg[i] = sum / Math.min(i + 1, window);
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("step").yAxisTitle("loss (Dice + CE)").build();
        chart.getStyler().setLegendVisible(true);
        XYSeries raw = chart.addSeries("loss", x, y);
        raw.setMarker(SeriesMarkers.NONE);
        raw.setLineWidth(0.8f);
        XYSeries mean = chart.addSeries("moving average (" + window + " steps)", x, avg);
        mean.setMarker(SeriesMarkers.NONE);
        mean.setLineWidth(2.5f);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes the plot as a PNG (atomically). */
    public static void write(List<StepRecord> steps, String title, java.nio.file.Path file) throws DataException {
        Pictures.writePng(render(steps, title, 800, 450), file);
    }
}
