package org.metriclab.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.index.Gallery;
import org.metriclab.index.GraphWalk;
import org.metriclab.index.HnswParams;
import org.metriclab.index.RecallSweep;
import org.metriclab.index.SweepPoint;
import org.metriclab.index.SyntheticGallery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metriclab index sweep}: the degradation report of the HNSW index against exact search, as CSV on stdout
 * (recall@k, build time, queries per second of both, precision@k exact beside approximate) over a grid of m and
 * ef_search. Data: seeded synthetic clusters, or a CSV whose seeded sample of rows are the queries and the rest
 * the gallery.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Measure recall@k, build time and queries/s of the HNSW index against exact search; CSV on stdout.")
final class IndexSweepCommand implements Callable<Integer> {
    private final Console io;

    @Option(names = "--synthetic", paramLabel = "ROWSxDIM", description = "seeded clustered gallery, e.g. 100000x64")
    String synthetic;
    @Option(names = "--classes", paramLabel = "C", defaultValue = "1000", description = "classes of --synthetic; default ${DEFAULT-VALUE}")
    int classes;
    @Option(names = "--spread", paramLabel = "S", defaultValue = "1.0",
            description = "within-class standard deviation of --synthetic (class centres are N(0, I)); default ${DEFAULT-VALUE}")
    double spread;
    @Option(names = "--data", paramLabel = "CSV", description = "rows to split into gallery and queries (instead of --synthetic)")
    Path data;
    @Option(names = "--model", paramLabel = "MODEL.json", description = "embed --data with this fitted model")
    Path model;
    @Option(names = "--label-column", paramLabel = "NAME", defaultValue = EmbeddedCsv.DEFAULT_LABEL_COLUMN)
    String labelColumn;
    @Option(names = "--queries", paramLabel = "N", defaultValue = "1000", description = "query rows; default ${DEFAULT-VALUE}")
    int queries;
    @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "neighbours per query; default ${DEFAULT-VALUE}")
    int k;
    @Option(names = "--m", split = ",", paramLabel = "M", defaultValue = "16", description = "graph degrees to try; default ${DEFAULT-VALUE}")
    List<Integer> m;
    @Option(names = "--ef-construction", paramLabel = "EF", defaultValue = "100", description = "build beam width; default ${DEFAULT-VALUE}")
    int efConstruction;
    @Option(names = "--ef-search", split = ",", paramLabel = "EF", defaultValue = "16,32,64,128,256",
            description = "search beam widths to try; default ${DEFAULT-VALUE}")
    List<Integer> efSearch;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of the data and the query sample; default ${DEFAULT-VALUE}")
    long seed;
    @Option(names = "--work", paramLabel = "DIR", description = "directory for the temporary indexes (default: the system temp directory)")
    Path work;
    @Option(names = "--keep", paramLabel = "DIR", description = "keep each graph in DIR/m<M>-efc<EF> and reuse one built there from the same"
            + " --synthetic data (its build times are reported as recorded); only with --synthetic")
    Path keep;
    @Option(names = "--walk", split = ",", paramLabel = "W", defaultValue = "float32",
            description = "values the graph walk scores nodes with, float32 and/or int8 (candidates are re-ranked exactly either way);"
                    + " default ${DEFAULT-VALUE}")
    List<String> walk;

    IndexSweepCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        if ((synthetic == null) == (data == null)) {
            throw new IllegalArgumentException("give exactly one of --synthetic ROWSxDIM and --data CSV");
        }
        if (queries < 1) {
            throw new IllegalArgumentException("--queries " + queries + " must be at least 1");
        }
        List<HnswParams> graphs = new ArrayList<>();
        for (int degree : m) {
            graphs.add(new HnswParams(degree, efConstruction));
        }
        List<GraphWalk> walks = walk.stream().map(GraphWalk::parse).toList();
        Gallery gallery;
        Gallery probe;
        if (synthetic != null) {
            SyntheticGallery s = parse(synthetic);
            gallery = s.gallery();
            probe = s.queries(queries);
        } else {
            EmbeddedCsv in = EmbeddedCsv.read(data, model, labelColumn);
            int n = in.embeddings().rows();
            if (queries >= n) {
                throw new IllegalArgumentException("--queries " + queries + " leaves no gallery rows of the " + n + " in " + data + "; use fewer queries");
            }
            int[][] split = split(n, queries, seed);
            probe = part(in, split[0]);
            gallery = part(in, split[1]);
        }
        if (k < 1 || k > gallery.rows()) {
            throw new IllegalArgumentException("--k " + k + " must be between 1 and the " + gallery.rows() + " gallery rows");
        }
        if (keep != null) {
            if (synthetic == null) {
                throw new IllegalArgumentException("--keep works with --synthetic only (it names the data a kept graph was built from); drop --keep");
            }
            Files.createDirectories(keep);
            String tag = "synthetic-" + synthetic.toLowerCase(Locale.ROOT).trim() + "-classes" + classes + "-spread" + spread + "-seed" + seed;
            io.out().println(SweepPoint.csvHeader());
            RecallSweep.run(gallery, probe, k, graphs, efSearch, keep, Optional.of(tag), walks, p -> io.out().println(p.csv()));
            return 0;
        }
        Path dir = Files.createTempDirectory(work == null ? Path.of(System.getProperty("java.io.tmpdir")) : Files.createDirectories(work), "metriclab-sweep");
        try {
            io.out().println(SweepPoint.csvHeader());
            RecallSweep.run(gallery, probe, k, graphs, efSearch, dir, Optional.empty(), walks, p -> io.out().println(p.csv()));
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return 0;
    }

    private SyntheticGallery parse(String spec) {
        String[] parts = spec.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new SyntheticGallery(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), classes, spread, seed);
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new CommandLine.ParameterException(new CommandLine(this), "--synthetic '" + spec + "' is not ROWSxDIM, e.g. 100000x64");
    }

    /** A seeded sample of {@code queries} row indices and the remaining rows, both ascending. */
    static int[][] split(int n, int queries, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < queries; i++) {
            int j = i + r.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] q = Arrays.copyOfRange(order, 0, queries);
        int[] g = Arrays.copyOfRange(order, queries, n);
        Arrays.sort(q);
        Arrays.sort(g);
        return new int[][] {q, g};
    }

    private static Gallery part(EmbeddedCsv in, int[] rows) {
        Matrix x = in.embeddings().rows(rows);
        List<String> labels = new ArrayList<>();
        if (!in.labels().isEmpty()) {
            for (int r : rows) {
                labels.add(in.labels().get(r));
            }
        }
        return Gallery.of(x, labels);
    }
}
