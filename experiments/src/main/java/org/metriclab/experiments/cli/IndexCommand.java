package org.metriclab.experiments.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.metriclab.eval.knn.Neighbours;
import org.metriclab.index.GalleryIndex;
import org.metriclab.index.GraphWalk;
import org.metriclab.index.HnswParams;
import org.metriclab.index.IndexManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metriclab index build|add|search|sweep}: an approximate (HNSW) gallery index of embeddings on disk.
 * Rows are embedded by {@code --model} (the learned metric) or are embeddings already when no model is given.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Build, extend and search an HNSW gallery index of embeddings; measure its recall against exact search.")
final class IndexCommand implements Runnable {
    private final Console io;

    IndexCommand(Console io) {
        this.io = io;
    }

    /** The {@code index} command with its subcommands. */
    static CommandLine commandLine(Console io) {
        return new CommandLine(new IndexCommand(io))
                .addSubcommand("build", new Build(io))
                .addSubcommand("add", new Add(io))
                .addSubcommand("search", new Search(io))
                .addSubcommand("sweep", new IndexSweepCommand(io));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a subcommand: build, add, search or sweep");
    }

    /** Where the rows come from: a CSV, embedded by an optional model. */
    static final class Rows {
        @Option(names = "--data", required = true, paramLabel = "CSV",
                description = "header CSV: the model's training format with --model, else embedding columns (plus an optional label column)")
        Path data;

        @Option(names = "--model", paramLabel = "MODEL.json", description = "embed the rows with this fitted model (default: rows are embeddings)")
        Path model;

        @Option(names = "--label-column", paramLabel = "NAME", defaultValue = EmbeddedCsv.DEFAULT_LABEL_COLUMN,
                description = "label column of embedding CSVs without --model; default ${DEFAULT-VALUE}")
        String labelColumn;

        EmbeddedCsv read() throws IOException {
            return EmbeddedCsv.read(data, model, labelColumn);
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true, description = "Build an HNSW index of the rows in a new directory.")
    static final class Build implements Callable<Integer> {
        private final Console io;
        @CommandLine.Mixin
        Rows rows = new Rows();
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "new (or empty) index directory")
        Path out;
        @Option(names = "--m", paramLabel = "M", defaultValue = "16", description = "graph neighbours per node; default ${DEFAULT-VALUE}")
        int m;
        @Option(names = "--ef-construction", paramLabel = "EF", defaultValue = "100", description = "build beam width; default ${DEFAULT-VALUE}")
        int efConstruction;

        Build(Console io) {
            this.io = io;
        }

        @Override
        public Integer call() throws IOException {
            HnswParams params = new HnswParams(m, efConstruction);
            EmbeddedCsv in = rows.read();
            long t0 = System.nanoTime();
            IndexManifest made = GalleryIndex.build(out, in.gallery(), params, in.model());
            io.err().printf(Locale.ROOT, "indexed %d rows of dimension %d (m %d, ef_construction %d) in %.2f s → %s%n", made.rows(), made.dim(),
                    m, efConstruction, (System.nanoTime() - t0) / 1e9, out);
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Append rows to an index (same model and dimension).")
    static final class Add implements Callable<Integer> {
        private final Console io;
        @CommandLine.Mixin
        Rows rows = new Rows();
        @Option(names = "--index", required = true, paramLabel = "DIR")
        Path index;

        Add(Console io) {
            this.io = io;
        }

        @Override
        public Integer call() throws IOException {
            EmbeddedCsv in = rows.read();
            IndexManifest grown = GalleryIndex.add(index, in.gallery(), in.model());
            io.err().println("added " + in.embeddings().rows() + " rows; " + index + " now holds " + grown.rows());
            return 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "The k nearest gallery rows of each query row as CSV: query,rank,row,distance[,label] (squared Euclidean distance).")
    static final class Search implements Callable<Integer> {
        private final Console io;
        @Option(names = "--index", required = true, paramLabel = "DIR")
        Path index;
        @Option(names = "--queries", required = true, paramLabel = "CSV", description = "query rows, in the same format as the indexed --data")
        Path queries;
        @Option(names = "--model", paramLabel = "MODEL.json", description = "the model the index was built with (none for raw embeddings)")
        Path model;
        @Option(names = "--label-column", paramLabel = "NAME", defaultValue = EmbeddedCsv.DEFAULT_LABEL_COLUMN)
        String labelColumn;
        @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "neighbours per query; default ${DEFAULT-VALUE}")
        int k;
        @Option(names = "--ef-search", paramLabel = "EF", defaultValue = "64", description = "search beam width (widened to k); default ${DEFAULT-VALUE}")
        int efSearch;
        @Option(names = "--walk", paramLabel = "W", defaultValue = "float32",
                description = "values the graph walk scores nodes with: float32 or int8 (candidates re-ranked exactly either way); default ${DEFAULT-VALUE}")
        String walk;
        @Option(names = "--exact", description = "exact search on the indexed vectors instead of the graph")
        boolean exact;
        @Option(names = "--out", paramLabel = "CSV", description = "write the neighbours here (default: stdout)")
        Path out;

        Search(Console io) {
            this.io = io;
        }

        @Override
        public Integer call() throws IOException {
            HnswParams.requireEfSearch(efSearch);
            GraphWalk graphWalk = GraphWalk.parse(walk);
            EmbeddedCsv q = EmbeddedCsv.read(queries, model, labelColumn);
            try (GalleryIndex g = GalleryIndex.open(index)) {
                g.requireCompatible(q.embeddings().cols(), q.model());
                float[] v = q.vectors();
                long t0 = System.nanoTime();
                Neighbours hits = exact ? g.exact(v, k) : g.search(v, k, efSearch, graphWalk);
                double seconds = (System.nanoTime() - t0) / 1e9;
                write(hits, g);
                io.err().printf(Locale.ROOT, "%d queries, k %d, %s: %.3f s (%.0f queries/s)%n", hits.queries(), k,
                        exact ? "exact" : "hnsw ef_search " + Math.max(k, efSearch) + " " + graphWalk.name().toLowerCase(Locale.ROOT) + " walk", seconds, hits.queries() / seconds);
            }
            return 0;
        }

        private void write(Neighbours hits, GalleryIndex g) throws IOException {
            PrintStream target = out == null ? io.out() : new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8);
            try {
                boolean labelled = g.manifest().labelled();
                target.println("query,rank,row,distance" + (labelled ? ",label" : ""));
                for (int q = 0; q < hits.queries(); q++) {
                    for (int i = 0; i < hits.k(); i++) {
                        int row = hits.row(q, i);
                        if (row < 0) {
                            continue;
                        }
                        target.println(q + "," + (i + 1) + "," + row + "," + hits.distance(q, i) + (labelled ? "," + g.label(row).orElseThrow() : ""));
                    }
                }
            } finally {
                if (out != null) {
                    target.close();
                }
            }
        }
    }
}
