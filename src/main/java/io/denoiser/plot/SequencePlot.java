package io.denoiser.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** One sequence's noisy, denoised and clean values over time, one panel per chosen feature, stacked. */
public final class SequencePlot {

    public static final int WIDTH = 900;
    public static final int PANEL_HEIGHT = 260;
    static final Color NOISY_COLOUR = new Color(0xb0b0b0);
    static final Color DENOISED_COLOUR = new Color(0x1f77b4);
    static final Color CLEAN_COLOUR = new Color(0x2ca02c);

    private SequencePlot() {
    }

    /**
     * An image {@value #WIDTH} wide and {@value #PANEL_HEIGHT} high per entry of {@code featuresToPlot}.
     * The three sequences are time-major: step {@code t} holds {@code features} values.
     */
    public static void writePng(Path file, float[] noisy, float[] denoised, float[] clean, int steps, int features,
            int[] featuresToPlot) throws IOException {
        requireShape(noisy, denoised, clean, steps, features, featuresToPlot);
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * featuresToPlot.length,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            for (int panel = 0; panel < featuresToPlot.length; panel++) {
                XYChart chart = panel(noisy, denoised, clean, steps, features, featuresToPlot[panel]);
                graphics.drawImage(BitmapEncoder.getBufferedImage(chart), 0, panel * PANEL_HEIGHT, null);
            }
        } finally {
            graphics.dispose();
        }
        ChartPng.write(file, image);
    }

    private static XYChart panel(float[] noisy, float[] denoised, float[] clean, int steps, int features,
            int feature) {
        double[] time = IntStream.range(0, steps).asDoubleStream().toArray();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title("feature " + feature)
                .xAxisTitle("step").yAxisTitle("value").build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        // Noisy first so the denoised and clean lines are drawn over it.
        chart.addSeries("noisy", time, column(noisy, steps, features, feature)).setLineColor(NOISY_COLOUR);
        chart.addSeries("denoised", time, column(denoised, steps, features, feature)).setLineColor(DENOISED_COLOUR);
        chart.addSeries("clean", time, column(clean, steps, features, feature)).setLineColor(CLEAN_COLOUR);
        chart.getSeriesMap().values().forEach(series -> series.setMarker(SeriesMarkers.NONE));
        return chart;
    }

    private static double[] column(float[] sequence, int steps, int features, int feature) {
        return IntStream.range(0, steps).mapToDouble(t -> sequence[t * features + feature]).toArray();
    }

    private static void requireShape(float[] noisy, float[] denoised, float[] clean, int steps, int features,
            int[] featuresToPlot) {
        int length = steps * features;
        if (steps < 1 || features < 1 || noisy.length != length || denoised.length != length
                || clean.length != length) {
            throw new IllegalArgumentException("expected " + steps + " steps x " + features + " features, got "
                    + noisy.length + " noisy, " + denoised.length + " denoised and " + clean.length + " clean values");
        }
        if (featuresToPlot.length == 0) {
            throw new IllegalArgumentException("no features chosen to plot");
        }
        for (int feature : featuresToPlot) {
            if (feature < 0 || feature >= features) {
                throw new IllegalArgumentException("feature " + feature + " outside 0.." + (features - 1));
            }
        }
    }
}
