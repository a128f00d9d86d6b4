package io.denoiser.plot;

import io.denoiser.embedding.PrincipalComponents;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Latent vectors projected onto their first two principal components, to see whether the autoencoder
 * separates the digits, and a scatter plot of that projection coloured by label.
 */
public final class LatentProjection {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 700;
    /** Matplotlib's "tab10" palette, indexed by label so a digit has the same colour in every plot. */
    private static final Color[] LABEL_COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private final double[] mean;
    private final double[][] components;
    private final double[] explainedVarianceRatio;

    private LatentProjection(double[] mean, double[][] components, double[] explainedVarianceRatio) {
        this.mean = mean;
        this.components = components;
        this.explainedVarianceRatio = explainedVarianceRatio;
    }

    /** Principal components of {@code latents} (n rows of d >= 2 values, n >= 2). */
    public static LatentProjection fit(float[][] latents) {
        if (latents.length < 2 || latents[0].length < 2) {
            throw new IllegalArgumentException("PCA to 2-D needs at least 2 vectors of at least 2 values");
        }
        PrincipalComponents pca = PrincipalComponents.fit(latents, 2);
        double[] mean = pca.mean();
        double total = totalVariance(latents, mean);
        double[][] components = new double[2][mean.length];
        double[] ratio = new double[2];
        double[][] columns = pca.components();
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < mean.length; j++) {
                components[k][j] = columns[j][k];
            }
            ratio[k] = total == 0 ? 0 : pca.variances()[k] / total;
        }
        return new LatentProjection(mean, components, ratio);
    }

    /** Each vector's coordinates along the first and second principal component: n rows of 2. */
    public double[][] project(float[][] latents) {
        double[][] projected = new double[latents.length][2];
        for (int i = 0; i < latents.length; i++) {
            if (latents[i].length != mean.length) {
                throw new IllegalArgumentException("expected " + mean.length + " values, got " + latents[i].length);
            }
            for (int k = 0; k < 2; k++) {
                double dot = 0;
                for (int j = 0; j < mean.length; j++) {
                    dot += (latents[i][j] - mean[j]) * components[k][j];
                }
                projected[i][k] = dot;
            }
        }
        return projected;
    }

    /** Unit direction of principal component {@code k} (0 or 1); its sign is arbitrary. */
    public double[] component(int k) {
        return components[k].clone();
    }

    /** Share of the total variance along the first and the second component. */
    public double[] explainedVarianceRatio() {
        return explainedVarianceRatio.clone();
    }

    /** A {@value #WIDTH}x{@value #HEIGHT} scatter of the 2-D projection, one colour and legend entry per label. */
    public static void writeScatterPng(Path file, float[][] latents, int[] labels) throws IOException {
        if (labels.length != latents.length) {
            throw new IllegalArgumentException(latents.length + " latent vectors but " + labels.length + " labels");
        }
        LatentProjection projection = fit(latents);
        double[][] points = projection.project(latents);
        double[] ratio = projection.explainedVarianceRatio();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Latent vectors, first two principal components")
                .xAxisTitle(String.format(Locale.ROOT, "PC1 (%.1f%% of variance)", 100 * ratio[0]))
                .yAxisTitle(String.format(Locale.ROOT, "PC2 (%.1f%% of variance)", 100 * ratio[1])).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter)
                .setLegendPosition(LegendPosition.OutsideE).setMarkerSize(5);
        for (int label : IntStream.of(labels).distinct().sorted().toArray()) {
            int[] rows = IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
            chart.addSeries(String.valueOf(label),
                    IntStream.of(rows).mapToDouble(i -> points[i][0]).toArray(),
                    IntStream.of(rows).mapToDouble(i -> points[i][1]).toArray())
                    .setMarkerColor(LABEL_COLOURS[Math.floorMod(label, LABEL_COLOURS.length)]);
        }
        ChartPng.write(file, chart);
    }

    /** The trace of the covariance, with the same n - 1 as the components' variances. */
    private static double totalVariance(float[][] latents, double[] mean) {
        double sum = 0;
        for (float[] latent : latents) {
            for (int j = 0; j < mean.length; j++) {
                double centred = latent[j] - mean[j];
                sum += centred * centred;
            }
        }
        return sum / (latents.length - 1);
    }
}
