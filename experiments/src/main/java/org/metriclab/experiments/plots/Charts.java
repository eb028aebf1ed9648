package org.metriclab.experiments.plots;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The three kinds of plot a report needs, drawn headless with XChart (the only package that uses it):
 * grouped bars with error bars, lines, and scatter. Every plot has a title and labelled axes; PNG through
 * AWT in headless mode, SVG through VectorGraphics2D.
 */
public final class Charts {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** A bar series: one mean and one error half-width (0 for none) per category. */
    public record Bars(List<Double> means, List<Double> errors) {
    }

    /** A line or point series. */
    public record Points(double[] x, double[] y) {
        public Points {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series needs as many x as y values, got " + x.length + " and " + y.length);
            }
        }
    }

    /** Grouped bars: {@code categories} on the x axis, one coloured series per key of {@code series}, with error bars. */
    public static Figure bars(String name, String title, String caption, String xLabel, String yLabel, List<String> categories,
            Map<String, Bars> series) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        c.getStyler().setYAxisDecimalPattern("0.00");
        series.forEach((label, b) -> c.addSeries(label, categories, b.means(), b.errors()));
        return figure(name, title, caption, c);
    }

    /** Lines with markers (one per key); log scales on request (all values must then be positive). */
    public static Figure lines(String name, String title, String caption, String xLabel, String yLabel, Map<String, Points> series,
            boolean logX, boolean logY) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.forEach((label, p) -> c.addSeries(label, p.x(), p.y()).setMarker(p.x().length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE));
        return figure(name, title, caption, c);
    }

    /** Scatter, one colour per key (e.g. per class). */
    public static Figure scatter(String name, String title, String caption, String xLabel, String yLabel, Map<String, Points> groups) {
        return scatter(name, title, caption, xLabel, yLabel, groups, false);
    }

    /** Scatter with a logarithmic x axis on request (every x must then be positive). */
    public static Figure scatter(String name, String title, String caption, String xLabel, String yLabel, Map<String, Points> groups,
            boolean logX) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(c);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(5);
        groups.forEach((label, p) -> c.addSeries(label, p.x(), p.y()).setMarker(SeriesMarkers.CIRCLE));
        return figure(name, title, caption, c);
    }

    private static void style(Chart<?, ?> c) {
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setChartTitleBoxVisible(false);
        c.getStyler().setAntiAlias(true);
    }

    private static Figure figure(String name, String title, String caption, Chart<?, ?> chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return new Figure(name, title, caption, png, svg.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the plot '" + title + "': " + e.getMessage(), e);
        }
    }
}
