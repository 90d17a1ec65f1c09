package org.segforge.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.segforge.core.DataException;
import org.segforge.core.io.AtomicFiles;
import org.segforge.core.metric.generative.PrdResult;

/**
 * PRD curves (Sajjadi et al. 2018) as a PNG: recall on x, precision on y, both over [0, 1], one
 * curve per named synthetic set, its legend entry carrying F₈ / F₁/₈. Written atomically.
 */
public final class PrdCurvePlot {
    private static final Color[] COLOURS = {new Color(20, 60, 160), new Color(200, 60, 30), new Color(30, 140, 60),
        new Color(140, 60, 160), new Color(200, 150, 20), new Color(20, 150, 160)};

    private PrdCurvePlot() {}

    /** Writes the curves ({@code name → result}, in the map's order) to {@code png}. */
    public static void write(Path png, Map<String, PrdResult> curves) throws DataException {
        XYChart chart = chart(curves, 600, 600);
        AtomicFiles.write(png, out -> out.write(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
    }

    /** The plot as a picture, for reports. */
    public static BufferedImage render(Map<String, PrdResult> curves, int width, int height) {
        return BitmapEncoder.getBufferedImage(chart(curves, width, height));
    }

    /** The chart, for callers that embed it elsewhere. */
    public static XYChart chart(Map<String, PrdResult> curves, int width, int height) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("no PRD curves to plot");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Precision and recall for distributions")
                .xAxisTitle("recall").yAxisTitle("precision").build();
        org.knowm.xchart.style.XYStyler s = chart.getStyler();
        s.setXAxisMin(0.0);
        s.setXAxisMax(1.0);
        s.setYAxisMin(0.0);
        s.setYAxisMax(1.0);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setChartBackgroundColor(Color.WHITE);
        int i = 0;
        for (Map.Entry<String, PrdResult> e : curves.entrySet()) {
            PrdResult r = e.getValue();
            String name = String.format(Locale.ROOT, "%s (F8 %.3f, F1/8 %.3f)", e.getKey(), r.f8(), r.f1over8());
            XYSeries series = chart.addSeries(name, r.recall(), r.precision());
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(COLOURS[i++ % COLOURS.length]);
            series.setLineStyle(new BasicStroke(2.2f));
        }
        return chart;
    }
}
