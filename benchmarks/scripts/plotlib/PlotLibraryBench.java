import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Renders the same 23-series chart (fit time against n, 8 points per series, log-log, markers, legend outside) with
 * XChart 4.0.3 (PNG through AWT; SVG and PDF by painting the chart onto VectorGraphics2D 0.13, as XChart's own PDF
 * export needs PDFBox) and with JFreeChart 1.5.6 (PNG through
 * ChartUtils, SVG through JFreeSVG 5.0.7, PDF through JFree PDF 2.0.1), 7 in × 4.3 in at 96 dpi (PNG at 2× for print).
 * Prints the median of 20 timed renders after 10 warm-up renders, and each output's size.
 */
public final class PlotLibraryBench {
    static final int W = 672;
    static final int H = 413;
    static final int SERIES = 23;
    static final double[] N = {100, 200, 400, 800, 1600, 3200, 6400, 12800};

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        double[][] y = data();
        report("XChart PNG (2x)", () -> xchartPng(y));
        report("XChart SVG", () -> xchartVector(y, "svg"));
        report("XChart PDF", () -> xchartVector(y, "pdf"));
        report("JFreeChart PNG (2x)", () -> jfreePng(y));
        report("JFreeChart SVG", () -> jfreeSvg(y));
        report("JFreeChart PDF", () -> jfreePdf(y));
    }

    static double[][] data() {
        Random r = new Random(1);
        double[][] y = new double[SERIES][N.length];
        for (int s = 0; s < SERIES; s++) {
            double slope = 1 + r.nextDouble() * 1.5;
            double c = Math.exp(r.nextGaussian() - 9);
            for (int i = 0; i < N.length; i++) {
                y[s][i] = c * Math.pow(N[i], slope) * Math.exp(0.1 * r.nextGaussian());
            }
        }
        return y;
    }

    static void report(String what, Supplier<byte[]> render) {
        for (int i = 0; i < 10; i++) {
            render.get();
        }
        long[] t = new long[20];
        int size = 0;
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            size = render.get().length;
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "%-22s median %7.1f ms   %8.1f KiB%n", what, t[t.length / 2] / 1e6, size / 1024.0);
    }

    static XYChart xchart(double[][] y) {
        XYChart c = new XYChartBuilder().width(W).height(H).title("Fit time vs n").xAxisTitle("n").yAxisTitle("fit time (s)").build();
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.OutsideE)
                .setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE).setAntiAlias(true);
        for (int s = 0; s < SERIES; s++) {
            c.addSeries("learner " + s, N, y[s]);
        }
        return c;
    }

    static byte[] xchartPng(double[][] y) {
        try {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(2 * W, 2 * H, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = img.createGraphics();
            g.scale(2, 2);
            xchart(y).paint(g, W, H);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chart painted onto VectorGraphics2D and written by its processor ("svg" or "pdf"). */
    static byte[] xchartVector(double[][] y, String format) {
        try {
            de.erichseifert.vectorgraphics2d.VectorGraphics2D g = new de.erichseifert.vectorgraphics2d.VectorGraphics2D();
            xchart(y).paint(g, W, H);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            de.erichseifert.vectorgraphics2d.Processors.get(format)
                    .getDocument(g.getCommands(), new de.erichseifert.vectorgraphics2d.util.PageSize(W, H)).writeTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JFreeChart jfree(double[][] y) {
        XYSeriesCollection d = new XYSeriesCollection();
        for (int s = 0; s < SERIES; s++) {
            XYSeries series = new XYSeries("learner " + s);
            for (int i = 0; i < N.length; i++) {
                series.add(N[i], y[s][i]);
            }
            d.addSeries(series);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < SERIES; s++) {
            r.setSeriesStroke(s, new BasicStroke(1.2f));
        }
        XYPlot plot = new XYPlot(d, new LogAxis("n"), new LogAxis("fit time (s)"), r);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart c = new JFreeChart("Fit time vs n", plot);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }

    static byte[] jfreePng(double[][] y) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeScaledChartAsPNG(out, jfree(y), W, H, 2, 2);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] jfreeSvg(double[][] y) {
        SVGGraphics2D g = new SVGGraphics2D(W, H);
        jfree(y).draw(g, new Rectangle(0, 0, W, H));
        return g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] jfreePdf(double[][] y) {
        PDFDocument doc = new PDFDocument();
        Page page = doc.createPage(new Rectangle(W, H));
        PDFGraphics2D g = page.getGraphics2D();
        jfree(y).draw(g, new Rectangle(0, 0, W, H));
        return doc.getPDFBytes();
    }
}
