package org.segforge.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.segforge.core.DataException;
import org.segforge.core.io.AtomicFiles;
import org.segforge.nn.train.StepRecord;
import org.segforge.nn.train.ValidationRecord;

/**
 * The loss curve of a run as a PNG: the loss of every step (thin, light), an exponentially
 * smoothed loss (the trend), and validation points of one metric on a second axis. Written
 * atomically.
 */
public final class LossCurvePlot {
    /** Weight of the past in the smoothed line, as TensorBoard's default smoothing. */
    static final double SMOOTHING = 0.9;

    private LossCurvePlot() {}

    /**
     * Writes the plot.
     *
     * @param png         target file
     * @param steps       step records (e.g. from MetricsLog.readSteps)
     * @param validations validation records; may be empty
     * @param metric      the validation metric to show, e.g. "dice"; ignored if absent
     */
    public static void write(Path png, List<StepRecord> steps, List<ValidationRecord> validations, String metric)
        throws DataException {
        XYChart chart = chart(steps, validations, metric, 900, 500);
        AtomicFiles.write(png, out -> out.write(encode(chart)));
    }

    /** The plot as a picture, for reports. */
    public static java.awt.image.BufferedImage render(List<StepRecord> steps, List<ValidationRecord> validations, String metric,
                                                      int width, int height) {
        return org.knowm.xchart.BitmapEncoder.getBufferedImage(chart(steps, validations, metric, width, height));
    }

    /** The chart, for callers that embed it elsewhere. */
    public static XYChart chart(List<StepRecord> steps, List<ValidationRecord> validations, String metric, int width, int height) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("no steps to plot");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Training loss")
            .xAxisTitle("step").yAxisTitle("loss").build();
        // outside the plot: inside, it hides the curve's end and the last validation point
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double[] x = new double[steps.size()];
        double[] y = new double[steps.size()];
        for (int i = 0; i < x.length; i++) {
            // plotted at completed steps, the x of validations: step s is the (s+1)-th update
            x[i] = steps.get(i).step() + 1;
            y[i] = steps.get(i).loss();
        }
        XYSeries raw = chart.addSeries("loss", x, y);
        raw.setMarker(SeriesMarkers.NONE);
        raw.setLineColor(new Color(120, 160, 220));
        raw.setLineWidth(0.8f);
        XYSeries smooth = chart.addSeries("smoothed", x, smooth(y));
        smooth.setMarker(SeriesMarkers.NONE);
        smooth.setLineColor(new Color(20, 60, 160));
        smooth.setLineStyle(new BasicStroke(2.2f));
        List<ValidationRecord> vs = validations.stream().filter(v -> v.metrics().containsKey(metric)).toList();
        if (!vs.isEmpty()) {
            double[] vx = vs.stream().mapToDouble(ValidationRecord::completedSteps).toArray();
            double[] vy = vs.stream().mapToDouble(v -> v.metrics().get(metric)).toArray();
            XYSeries val = chart.addSeries("validation " + metric, vx, vy);
            val.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            val.setMarker(SeriesMarkers.DIAMOND);
            val.setMarkerColor(new Color(200, 60, 30));
            val.setYAxisGroup(1);
            chart.setYAxisGroupTitle(1, metric);
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        return chart;
    }

    /**
     * Several metrics of the same steps in one PNG (e.g. both players of an adversarial method):
     * per metric the raw values (thin) and their smoothed trend (thick) in one colour. Steps that
     * did not report a metric are left out of its line.
     */
    public static void writeMetrics(Path png, List<StepRecord> steps, List<String> metrics, String title) throws DataException {
        if (steps.isEmpty() || metrics.isEmpty()) {
            throw new IllegalArgumentException("no steps or no metrics to plot");
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step").yAxisTitle("loss").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        Color[] colours = {new Color(20, 60, 160), new Color(200, 60, 30), new Color(30, 140, 60), new Color(140, 60, 160)};
        for (int m = 0; m < metrics.size(); m++) {
            String key = metrics.get(m);
            List<StepRecord> has = steps.stream().filter(r -> r.metrics().containsKey(key)).toList();
            if (has.isEmpty()) {
                continue;
            }
            double[] x = has.stream().mapToDouble(r -> r.step() + 1).toArray();
            double[] y = has.stream().mapToDouble(r -> r.metrics().get(key)).toArray();
            Color c = colours[m % colours.length];
            XYSeries raw = chart.addSeries(key, x, y);
            raw.setMarker(SeriesMarkers.NONE);
            raw.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 70));
            raw.setLineWidth(0.8f);
            XYSeries sm = chart.addSeries(key + " (smoothed)", x, smooth(y));
            sm.setMarker(SeriesMarkers.NONE);
            sm.setLineColor(c);
            sm.setLineStyle(new BasicStroke(2.2f));
        }
        AtomicFiles.write(png, out -> out.write(encode(chart)));
    }

    /** Exponential moving average, bias-corrected so the first points are not pulled to 0. */
    static double[] smooth(double[] y) {
        double[] out = new double[y.length];
        double avg = 0;
        double weight = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                avg = SMOOTHING * avg + (1 - SMOOTHING) * y[i];
                weight = SMOOTHING * weight + (1 - SMOOTHING);
            }
            out[i] = weight == 0 ? Double.NaN : avg / weight;
        }
        return out;
    }

    private static byte[] encode(XYChart chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
