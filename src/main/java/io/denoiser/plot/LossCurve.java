package io.denoiser.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.Styler.YAxisPosition;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Training loss per epoch and, when measured, held-out PSNR per epoch on a second axis at the right. */
public final class LossCurve {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 500;
    static final Color LOSS_COLOUR = new Color(0x1f77b4);
    static final Color PSNR_COLOUR = new Color(0xff7f0e);
    private static final int PSNR_AXIS = 1;

    private LossCurve() {
    }

    /**
     * @param trainLoss        mean training loss of epochs 1, 2, ...
     * @param heldOutPsnrOrNull held-out PSNR in dB after the same epochs, or null
     */
    public static void writePng(Path file, double[] trainLoss, double[] heldOutPsnrOrNull) throws IOException {
        if (trainLoss.length == 0) {
            throw new IllegalArgumentException("no epochs to plot");
        }
        if (heldOutPsnrOrNull != null && heldOutPsnrOrNull.length != trainLoss.length) {
            throw new IllegalArgumentException(trainLoss.length + " training losses but "
                    + heldOutPsnrOrNull.length + " held-out PSNR values");
        }
        double[] epochs = IntStream.rangeClosed(1, trainLoss.length).asDoubleStream().toArray();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Training")
                .xAxisTitle("epoch").yAxisTitle("training loss").build();
        // Below the plot: falling loss and rising PSNR leave no corner of the plot free.
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS).setLegendLayout(LegendLayout.Horizontal)
                .setMarkerSize(6);
        colour(chart.addSeries("training loss", epochs, trainLoss), LOSS_COLOUR, SeriesMarkers.CIRCLE);
        if (heldOutPsnrOrNull != null) {
            XYSeries psnr = chart.addSeries("held-out PSNR (dB)", epochs, heldOutPsnrOrNull);
            colour(psnr, PSNR_COLOUR, SeriesMarkers.DIAMOND);
            psnr.setYAxisGroup(PSNR_AXIS);
            chart.setYAxisGroupTitle(PSNR_AXIS, "held-out PSNR (dB)");
            chart.getStyler().setYAxisGroupPosition(PSNR_AXIS, YAxisPosition.Right);
        }
        ChartPng.write(file, chart);
    }

    private static void colour(XYSeries series, Color colour, Marker marker) {
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setMarker(marker);
    }
}
