package org.segforge.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.segforge.core.DataException;
import org.segforge.core.io.AtomicFiles;
import org.segforge.nn.universeg.EpisodeProtocol;
import org.segforge.nn.universeg.HeldOutEvaluation;

/**
 * Dice against support size (M5) as a PNG: one curve per method and gap, mean ± standard deviation
 * over episodes as error bars, support size on a log2 axis (ticks at 1, 2, 4, …). One colour per
 * method; the first gap solid, further gaps dashed. (Nudging curves sideways to separate their
 * error bars would move xchart's ticks off the sizes, so they are not nudged.)
 */
public final class DiceSupportPlot {
    private static final Color[] COLOURS = {new Color(20, 60, 160), new Color(200, 60, 30), new Color(30, 140, 60),
        new Color(140, 60, 160)};

    private DiceSupportPlot() {}

    /** Writes the plot of every row of {@code result}, atomically. */
    public static void write(Path png, HeldOutEvaluation.Result result, String title) throws DataException {
        XYChart chart = chart(result, title, 900, 520);
        AtomicFiles.write(png, out -> out.write(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
    }

    /** The plot as a picture, for reports. */
    public static BufferedImage render(HeldOutEvaluation.Result result, String title, int width, int height) {
        return BitmapEncoder.getBufferedImage(chart(result, title, width, height));
    }

    static XYChart chart(HeldOutEvaluation.Result result, String title, int width, int height) {
        if (result.rows().isEmpty()) {
            throw new IllegalArgumentException("no rows to plot");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
            .xAxisTitle("support size n (log2 scale)").yAxisTitle("Dice (mean ± sd over episodes)").build();
        org.knowm.xchart.style.XYStyler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setYAxisMin(0.0);
        s.setYAxisMax(1.0);
        s.setMarkerSize(7);
        s.setErrorBarsColorSeriesColor(true);
        // with a formatting function xchart puts the x ticks at the data's x values, here log2 of the
        // support sizes: labelled with the sizes themselves (no min/max, which would move them to the ends)
        s.setxAxisTickLabelsFormattingFunction(x -> {
            double n = Math.pow(2, x);
            return Math.abs(n - Math.rint(n)) > 1e-6 * n ? "" : String.valueOf(Math.round(n));
        });
        Set<String> methods = new LinkedHashSet<>();
        Set<Integer> gaps = new LinkedHashSet<>();
        result.rows().forEach(r -> {
            methods.add(r.method());
            gaps.add(r.gap());
        });
        List<String> ms = new ArrayList<>(methods);
        List<Integer> gs = new ArrayList<>(gaps);
        for (int gi = 0; gi < gs.size(); gi++) {
            for (int mi = 0; mi < ms.size(); mi++) {
                String m = ms.get(mi);
                int g = gs.get(gi);
                List<HeldOutEvaluation.Row> rows = result.rows().stream().filter(r -> r.method().equals(m) && r.gap() == g).toList();
                if (rows.isEmpty()) {
                    continue;
                }
                double[] x = rows.stream().mapToDouble(r -> log2(r.support())).toArray();
                double[] y = rows.stream().mapToDouble(HeldOutEvaluation.Row::mean).toArray();
                double[] e = rows.stream().mapToDouble(HeldOutEvaluation.Row::sd).toArray();
                String name = String.format(Locale.ROOT, "%s, %s (%d ep.)", m, EpisodeProtocol.describe(g), rows.get(0).episodes());
                XYSeries series = chart.addSeries(name, x, y, e);
                Color col = COLOURS[mi % COLOURS.length];
                series.setLineColor(col);
                series.setMarkerColor(col);
                series.setMarker(gi == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
                series.setLineStyle(gi == 0 ? new BasicStroke(2.2f)
                    : new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
            }
        }
        return chart;
    }

    static double log2(int n) {
        return Math.log(n) / Math.log(2);
    }
}
