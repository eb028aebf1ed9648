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
import org.metriclab.eval.stats.CriticalDifference;
import org.metriclab.experiments.results.Curves;
import org.metriclab.experiments.results.PairedSignificance;
import org.metriclab.experiments.results.RetrievalCurvePoint;
import org.metriclab.experiments.results.PublishedTable;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.Tables;

/**
 * Builds a results directory's report: report.html (self-contained) plus every figure as PNG, SVG and PDF under
 * {@code plots/} next to it. Reads rows.csv, curves.csv, retrieval_curves.csv, degradation.csv, config.resolved.yaml and provenance.json; the
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
        RunFiles run = new RunFiles(dir, rows, layout, Curves.read(dir), RetrievalCurvePoint.read(dir));
        SummaryFigures.CdOptions cd = new SummaryFigures.CdOptions(options.test() == PairedSignificance.WILCOXON
                ? CriticalDifference.PostHoc.WILCOXON_HOLM : CriticalDifference.PostHoc.NEMENYI, options.alpha());
        List<ReportFigures.Section> sections = new ArrayList<>(ReportFigures.sections(run, sizes, cd, notes));
        TuningSection tuning = TuningSection.read(dir);
        boolean tuned = !tuning.searches().isEmpty();
        if (embeddings && cfg != null && tuned) {
            // a refit would use the config's parameters, not each split's chosen ones
            notes.add("The run tuned its learners, whose chosen parameters differ per split, so there are no embedding plots.");
        }
        if (embeddings && cfg != null && !tuned) {
            sections.add(new ReportFigures.Section("Embeddings", "", RefitData.embeddings(cfg, Learners.load(), projection)));
        }
        if (tuned) {
            sections.add(new ReportFigures.Section("Tuning searches", "", tuning.figures()));
        }
        DegradationSection degradation = DegradationSection.read(dir);
        sections.add(new ReportFigures.Section("Approximate search: recall against speed", "", degradation.figures()));
        String name = cfg != null ? cfg.name() : dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        Path target = out == null ? dir.resolve("report.html") : out;
        Path plots = target.toAbsolutePath().getParent().resolve("plots");
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(plots);
            for (ReportFigures.Section s : sections) {
                for (Figure f : s.figures()) {
                    written.add(Files.write(plots.resolve(f.name() + ".png"), f.png()));
                    written.add(Files.writeString(plots.resolve(f.name() + ".svg"), f.svg(), StandardCharsets.UTF_8));
                    written.add(Files.write(plots.resolve(f.name() + ".pdf"), f.pdf()));
                }
            }
            Files.writeString(target, HtmlReport.render(dir, name, run, tables, sections, notes, tuning.html() + degradation.html()), StandardCharsets.UTF_8);
            written.add(0, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + target + ": " + e.getMessage(), e);
        }
        return new Report(target, written, notes);
    }
}
