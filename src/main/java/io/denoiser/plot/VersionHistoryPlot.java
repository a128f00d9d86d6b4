package io.denoiser.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Held-out PSNR of every published model version in publication order, against the noisy input and the
 * median baseline: a drop shows a regression, a repeated version label a rollback.
 */
public final class VersionHistoryPlot {

    static final Color MODEL_COLOUR = new Color(0x2ca02c);
    private static final Color NOISY_COLOUR = new Color(0xd62728);
    private static final Color MEDIAN_COLOUR = new Color(0x7f7f7f);

    /** One publication: its place in the release order, the version it carried and how it scored. */
    public record Point(long release, long version, double psnrDb) {
    }

    private VersionHistoryPlot() {
    }

    public static void writePng(Path file, String modelName, List<Point> points, double noisyDb, double medianDb)
            throws IOException {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no published versions to plot");
        }
        double[] releases = points.stream().mapToDouble(Point::release).toArray();
        XYChart chart = new XYChartBuilder().width(LossCurve.WIDTH).height(LossCurve.HEIGHT)
                .title("Held-out PSNR per published version of " + modelName)
                .xAxisTitle("release (publication order)").yAxisTitle("PSNR (dB)").build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS).setLegendLayout(LegendLayout.Horizontal)
                .setMarkerSize(8).setDecimalPattern("#0.#");
        XYSeries model = chart.addSeries("model", releases, points.stream().mapToDouble(Point::psnrDb).toArray());
        style(model, MODEL_COLOUR);
        model.setMarker(SeriesMarkers.CIRCLE);
        double[] span = {releases[0], releases[releases.length - 1]};
        style(chart.addSeries("median baseline", span, new double[] {medianDb, medianDb}), MEDIAN_COLOUR);
        style(chart.addSeries("noisy input", span, new double[] {noisyDb, noisyDb}), NOISY_COLOUR);
        for (Point point : points) {
            chart.addAnnotation(new AnnotationText("v" + point.version(), point.release(), point.psnrDb() + 0.4, false));
        }
        ChartPng.write(file, chart);
    }

    private static void style(XYSeries series, Color colour) {
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setMarker(SeriesMarkers.NONE);
    }
}
