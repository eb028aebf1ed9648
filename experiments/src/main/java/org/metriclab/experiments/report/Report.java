package org.metriclab.experiments.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.results.Curves;
import org.metriclab.experiments.results.PublishedTable;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.Tables;

/**
 * Builds a results directory's report: report.html (self-contained) plus every plot as PNG and SVG under
 * {@code plots/} next to it. Reads rows.csv, curves.csv, config.resolved.yaml and provenance.json; the
 * config is bound again only for dataset sizes (fit-time plot) and, with {@code embeddings}, to refit each
 * learner once on the first split for the embedding scatter plots. Experiments are never rerun.
 *
 * @param written the report file and the plot files, in writing order
 */
public record Report(Path html, List<Path> written, List<String> notes) {

    /** A report whose embedding plots (if any) use {@link Projection#PCA}. */
    public static Report write(Path dir, List<ResultRow> rows, Tables layout, PublishedTable.Options options, boolean embeddings, Path out) {
        return write(dir, rows, layout, options, embeddings, Projection.PCA, out);
    }

    /** @param projection how the embedding scatter plots show more than two dimensions */
    public static Report write(Path dir, List<ResultRow> rows, Tables layout, PublishedTable.Options options, boolean embeddings,
            Projection projection, Path out) {
        List<String> notes = new ArrayList<>();
        List<PublishedTable> tables = new ArrayList<>();
        for (String m : layout.measures()) {
            tables.add(layout.publish(rows, m, options));
        }
        ExperimentConfig cfg = null;
        try {
            cfg = ResolvedConfig.bind(dir);
        } catch (RuntimeException e) {
            notes.add("The config could not be bound again (" + e.getMessage() + "), so there is no fit-time plot"
                    + (embeddings ? " and no embedding plot." : "."));
        }
        Map<String, Integer> sizes = Map.of();
        if (cfg != null) {
            try {
                sizes = RefitData.trainSizes(cfg);
            } catch (RuntimeException e) {
                notes.add("Dataset sizes are unavailable (" + e.getMessage() + "), so there is no fit-time plot.");
            }
        }
        List<Figure> figures = new ArrayList<>(ReportFigures.fromResults(rows, layout, Curves.read(dir), sizes, notes));
        TuningSection tuning = TuningSection.read(dir);
        boolean tuned = !tuning.searches().isEmpty();
        if (embeddings && cfg != null && tuned) {
            // a refit would use the config's parameters, not each split's chosen ones
            notes.add("The run tuned its learners, whose chosen parameters differ per split, so there are no embedding plots.");
        }
        if (embeddings && cfg != null && !tuned) {
            figures.addAll(RefitData.embeddings(cfg, Learners.load(), projection));
        }
        figures.addAll(tuning.figures());
        String name = cfg != null ? cfg.name() : dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        Path target = out == null ? dir.resolve("report.html") : out;
        Path plots = target.toAbsolutePath().getParent().resolve("plots");
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(plots);
            for (Figure f : figures) {
                Path png = plots.resolve(f.name() + ".png");
                Files.write(png, f.png());
                Path svg = plots.resolve(f.name() + ".svg");
                Files.writeString(svg, f.svg(), StandardCharsets.UTF_8);
                written.add(png);
                written.add(svg);
            }
            Files.writeString(target, HtmlReport.render(dir, name, tables, figures, notes, tuning.html()), StandardCharsets.UTF_8);
            written.add(0, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + target + ": " + e.getMessage(), e);
        }
        return new Report(target, written, notes);
    }
}
