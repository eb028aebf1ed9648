package org.metriclab.experiments.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUnits;

/**
 * Renders a {@link Painter} three ways: PNG through AWT at {@value #PNG_SCALE}× (sharp on high-density screens and in
 * print at the paper width), SVG through JFreeSVG and PDF through JFree PDF. The vector page is the painter's box in
 * points, so a figure drawn 7 in wide is 7 in wide in LaTeX.
 */
final class Canvas {
    /** PNG pixels per point. */
    static final int PNG_SCALE = 2;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Canvas() {
    }

    static Figure figure(String name, String title, String caption, Painter painter, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a figure needs a positive size, got " + width + " × " + height);
        }
        return new Figure(name, title, caption, png(painter, width, height), svg(painter, width, height), pdf(painter, width, height));
    }

    static byte[] png(Painter painter, int width, int height) {
        BufferedImage img = new BufferedImage(width * PNG_SCALE, height * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.scale(PNG_SCALE, PNG_SCALE);
            painter.paint(g, width, height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    static String svg(Painter painter, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height, SVGUnits.PT);
        // JFreeSVG prefixes clip-path ids with the clock by default; a fixed prefix makes the same figure the same file
        g.setDefsKeyPrefix("mlfig");
        // coordinates to 1/100 pt (finer than any printer resolves) instead of 15 significant digits: smaller files
        g.setGeomDoubleConverter(v -> Double.toString(Math.round(v * 100) / 100.0));
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        painter.paint(g, width, height);
        // the element alone after an XML declaration: no DOCTYPE, so no reader fetches the SVG 1.1 DTD from the network
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g.getSVGElement() + "\n";
    }

    static byte[] pdf(Painter painter, int width, int height) {
        PDFDocument doc = new PDFDocument();
        Page page = doc.createPage(new Rectangle2D.Double(0, 0, width, height));
        PDFGraphics2D g = page.getGraphics2D();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        painter.paint(g, width, height);
        return doc.getPDFBytes();
    }
}
