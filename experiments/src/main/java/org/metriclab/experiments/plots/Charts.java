package org.metriclab.experiments.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The standard charts of a report, drawn with JFreeChart (the only package that uses it) at paper sizes
 * ({@link PaperWidth}, {@link Fonts}) in {@link Palette} styles and rendered to PNG, SVG and PDF by {@link Canvas}:
 * lines with a legend sized to hold every entry, scatter, small multiples of line panels with one shared legend,
 * and dot plots with 95% intervals zoomed to the data.
 */
public final class Charts {
    private static final Color GRID = new Color(0xE0E0E0);

    private Charts() {
    }

    /** A line or point series. */
    public record Points(double[] x, double[] y) {
        public Points {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series needs as many x as y values, got " + x.length + " and " + y.length);
            }
            x = x.clone();
            y = y.clone();
        }
    }

    /** One panel of small multiples: its own title, axes and series (keyed by the legend's names). */
    public record LinePanel(String title, String xLabel, String yLabel, Map<String, Points> series, boolean logX, boolean logY) {
    }

    /** One panel of a dot plot: a mean and the half-width of its 95% interval per label. */
    public record DotPanel(String title, List<String> labels, double[] means, double[] halfWidths) {
        public DotPanel {
            if (labels.size() != means.length || means.length != halfWidths.length) {
                throw new IllegalArgumentException("a dot panel needs one mean and one half-width per label");
            }
            labels = List.copyOf(labels);
            means = means.clone();
            halfWidths = halfWidths.clone();
        }
    }

    /** Lines with markers and a legend at the right tall enough for every entry; log scales on request (values must then be positive). */
    public static Figure lines(String name, String title, String caption, String xLabel, String yLabel, Map<String, Points> series,
            boolean logX, boolean logY) {
        int width = PaperWidth.PAGE.points();
        int height = Math.max((int) (width * 0.6), 50 + series.size() * Fonts.LINE);
        JFreeChart c = chart(title, xy(xLabel, yLabel, series, List.copyOf(series.keySet()), logX, logY, true));
        legendRight(c);
        return Canvas.figure(name, title, caption, painter(c), width, height);
    }

    /** Scatter, one colour and shape per key (e.g. per class). */
    public static Figure scatter(String name, String title, String caption, String xLabel, String yLabel, Map<String, Points> groups) {
        return scatter(name, title, caption, xLabel, yLabel, groups, false);
    }

    /** Scatter with a logarithmic x axis on request (every x must then be positive). */
    public static Figure scatter(String name, String title, String caption, String xLabel, String yLabel, Map<String, Points> groups,
            boolean logX) {
        int width = PaperWidth.PAGE.points();
        int height = Math.max((int) (width * 0.6), 50 + groups.size() * Fonts.LINE);
        JFreeChart c = chart(title, xy(xLabel, yLabel, groups, List.copyOf(groups.keySet()), logX, false, false));
        legendRight(c);
        return Canvas.figure(name, title, caption, painter(c), width, height);
    }

    /**
     * Small multiples of line panels with one legend at the right: series are styled by their position in
     * {@code legend}, so one learner has one colour and shape in every panel.
     */
    public static Figure panels(String name, String title, String caption, List<LinePanel> panels, List<String> legend, PaperWidth width) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("small multiples need at least one panel");
        }
        int cols = width.columns(panels.size());
        int legendColumn = Legend.columnWidth(legend);
        int panelWidth = Math.max(110, (width.points() - legendColumn) / cols);
        int panelHeight = (int) (panelWidth * 0.78);
        int rows = (panels.size() + cols - 1) / cols;
        int legendWidth = Legend.columns(legend.size(), rows * panelHeight) * legendColumn;
        List<Painter> painters = new ArrayList<>();
        for (LinePanel p : panels) {
            painters.add(painter(chart(p.title(), xy(p.xLabel(), p.yLabel(), p.series(), legend, p.logX(), p.logY(), true))));
        }
        Grid g = new Grid(painters, cols, panelWidth, panelHeight, new Legend(legend), legendWidth);
        return Canvas.figure(name, title, caption, g, g.width(), g.height());
    }

    /**
     * Dot plots, one panel per dataset: one row per learner, sorted by mean (highest on top), each a dot with its 95%
     * interval, the value axis zoomed to the intervals (not from 0) so that close results stay apart.
     */
    public static Figure dots(String name, String title, String caption, String measure, List<DotPanel> panels, PaperWidth width) {
        return dots(name, title, caption, measure, panels, width, false);
    }

    /** As {@link #dots(String, String, String, String, List, PaperWidth)}, the lowest mean on top when {@code lowestFirst}. */
    public static Figure dots(String name, String title, String caption, String measure, List<DotPanel> panels, PaperWidth width,
            boolean lowestFirst) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a dot plot needs at least one panel");
        }
        int cols = width.columns(panels.size());
        int panelWidth = width.points() / cols;
        int rows = panels.stream().mapToInt(p -> p.labels().size()).max().orElse(1);
        int panelHeight = 56 + rows * (Fonts.LINE + 1);
        List<Painter> painters = new ArrayList<>();
        for (DotPanel p : panels) {
            painters.add(painter(dotPanel(p, measure, lowestFirst)));
        }
        Grid g = new Grid(painters, cols, panelWidth, panelHeight, null, 0);
        return Canvas.figure(name, title, caption, g, g.width(), g.height());
    }

    private static JFreeChart dotPanel(DotPanel p, String measure, boolean lowestFirst) {
        Integer[] order = new Integer[p.labels().size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> lowestFirst ? p.means()[i] : -p.means()[i]));
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i : order) {
            // the renderer draws mean ± its "standard deviation": given the 95% half-width, it draws the interval
            data.add(p.means()[i], p.halfWidths()[i], measure, p.labels().get(i));
            lo = Math.min(lo, p.means()[i] - p.halfWidths()[i]);
            hi = Math.max(hi, p.means()[i] + p.halfWidths()[i]);
        }
        double pad = Math.max((hi - lo) * 0.08, Math.max(Math.abs(hi), 1e-9) * 1e-4);
        CategoryAxis learners = new CategoryAxis();
        learners.setTickLabelFont(Fonts.SMALL);
        learners.setCategoryMargin(0.1);
        learners.setMaximumCategoryLabelWidthRatio(0.45f);
        NumberAxis value = new NumberAxis(measure);
        value.setAutoRangeIncludesZero(false);
        value.setRange(lo - pad, hi + pad);
        value.setLabelFont(Fonts.AXIS);
        value.setTickLabelFont(Fonts.SMALL);
        StatisticalLineAndShapeRenderer r = new StatisticalLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, Palette.colour(0));
        r.setSeriesShape(0, Legend.marker(Palette.Shape.CIRCLE, 0, 0, 5));
        r.setErrorIndicatorPaint(Color.DARK_GRAY);
        CategoryPlot plot = new CategoryPlot(data, learners, value, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(true);
        plot.setDomainGridlinePaint(GRID);
        plot.setOutlinePaint(Color.GRAY);
        return chart(p.title(), plot);
    }

    private static XYPlot xy(String xLabel, String yLabel, Map<String, Points> series, List<String> order, boolean logX, boolean logY,
            boolean lines) {
        List<String> names = new ArrayList<>(order);
        series.keySet().stream().filter(k -> !names.contains(k)).forEach(names::add);
        XYSeriesCollection data = new XYSeriesCollection();
        int[] markerStep = new int[series.size()];
        // lines carry a marker on about every eighth point: enough to tell 30 series apart, few enough to keep lines readable
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(lines, true) {
            @Override
            public boolean getItemShapeVisible(int s, int item) {
                return super.getItemShapeVisible(s, item) && item % markerStep[s] == 0;
            }
        };
        // one path per series rather than one line element per segment: far smaller SVG and PDF files
        r.setDrawSeriesLineAsPath(true);
        int s = 0;
        for (Map.Entry<String, Points> e : series.entrySet()) {
            XYSeries xs = new XYSeries(e.getKey(), false, true);
            Points p = e.getValue();
            for (int i = 0; i < p.x().length; i++) {
                xs.add(p.x()[i], p.y()[i]);
            }
            data.addSeries(xs);
            int style = names.indexOf(e.getKey());
            r.setSeriesPaint(s, Palette.colour(style));
            r.setSeriesStroke(s, new BasicStroke(1f));
            r.setSeriesShape(s, Legend.marker(Palette.shape(style), 0, 0, lines ? 4 : 3.5));
            markerStep[s] = lines ? Math.max(1, p.x().length / 8) : 1;
            s++;
        }
        XYPlot plot = new XYPlot(data, axis(xLabel, logX, decades(series, true)), axis(yLabel, logY, decades(series, false)), r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(Color.GRAY);
        return plot;
    }

    /** How many powers of ten the positive x (or y) values span. */
    private static double decades(Map<String, Points> series, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Points p : series.values()) {
            for (double v : x ? p.x() : p.y()) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return hi > 0 ? Math.log10(hi / lo) : 0;
    }

    /**
     * A number axis, or a log axis: over two or more decades one tick per power of ten (1E-3, 1E-2, …); over less,
     * JFreeChart's own ticks printed as plain decimals.
     */
    private static ValueAxis axis(String label, boolean log, double decades) {
        ValueAxis a;
        if (log) {
            LogAxis l = new LogAxis(label);
            l.setBase(10);
            l.setSmallestValue(1e-300);
            if (decades >= 2) {
                l.setTickUnit(new NumberTickUnit(1.0));
                l.setNumberFormatOverride(new DecimalFormat("0E0"));
            } else {
                l.setNumberFormatOverride(new DecimalFormat("0.####"));
            }
            a = l;
        } else {
            NumberAxis n = new NumberAxis(label);
            n.setAutoRangeIncludesZero(false);
            a = n;
        }
        a.setLabelFont(Fonts.AXIS);
        a.setTickLabelFont(Fonts.SMALL);
        return a;
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot) {
        JFreeChart c = new JFreeChart(title, Fonts.TITLE, plot, false);
        c.setBackgroundPaint(Color.WHITE);
        c.setPadding(new RectangleInsets(3, 3, 3, 3));
        c.setAntiAlias(true);
        c.setTextAntiAlias(true);
        return c;
    }

    private static void legendRight(JFreeChart c) {
        LegendTitle l = new LegendTitle(c.getPlot());
        l.setPosition(RectangleEdge.RIGHT);
        l.setItemFont(Fonts.SMALL);
        l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        c.addLegend(l);
    }

    private static Painter painter(JFreeChart c) {
        return (g, w, h) -> c.draw(g, new Rectangle2D.Double(0, 0, w, h));
    }
}
