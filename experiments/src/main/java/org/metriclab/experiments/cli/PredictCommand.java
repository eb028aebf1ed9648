package org.metriclab.experiments.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.metriclab.core.data.ClassDictionary;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ExactNeighbours;
import org.metriclab.eval.knn.Neighbours;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.eval.predict.Confidence;
import org.metriclab.eval.predict.KnnPredictions;
import org.metriclab.eval.predict.RiskCoverage;
import org.metriclab.index.GalleryIndex;
import org.metriclab.index.GraphWalk;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metriclab predict}: k-NN labels of the rows of {@code --data} from a labelled gallery (a reference CSV
 * searched exactly, or an index searched approximately), each with a confidence; {@code unknown} where the
 * predictor abstains. When the data carry labels, accuracy, coverage and the area under the risk–coverage curve
 * go to stderr.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict labels by k-NN in the learned metric, abstaining ('unknown') below a confidence; CSV row,prediction,confidence,nearest_distance.")
final class PredictCommand implements Callable<Integer> {
    static final String UNKNOWN = "unknown";
    private final Console io;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "rows to label (the model's training format; a label column is used for scoring)")
    Path data;
    @Option(names = "--model", paramLabel = "MODEL.json", description = "fitted model that embeds --data and --reference (default: rows are embeddings)")
    Path model;
    @Option(names = "--label-column", paramLabel = "NAME", defaultValue = EmbeddedCsv.DEFAULT_LABEL_COLUMN,
            description = "label column of embedding CSVs without --model; default ${DEFAULT-VALUE}")
    String labelColumn;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Gallery gallery;

    /** Exactly one labelled gallery. */
    static final class Gallery {
        @Option(names = "--reference", paramLabel = "CSV", description = "labelled gallery rows, searched exactly")
        Path reference;
        @Option(names = "--index", paramLabel = "DIR", description = "labelled gallery index (metriclab index build), searched approximately")
        Path index;
    }

    @Option(names = "--k", paramLabel = "K", defaultValue = "5", description = "neighbours that vote; default ${DEFAULT-VALUE}")
    int k;
    @Option(names = "--ef-search", paramLabel = "EF", defaultValue = "64", description = "HNSW beam width with --index; default ${DEFAULT-VALUE}")
    int efSearch;
    @Option(names = "--walk", paramLabel = "W", defaultValue = "float32",
            description = "with --index, values the graph walk scores nodes with: float32 or int8 (candidates re-ranked exactly either way); default ${DEFAULT-VALUE}")
    String walk;
    @Option(names = "--confidence", paramLabel = "KIND", defaultValue = "vote",
            description = "vote (share of the k votes for the winner) or distance_ratio (d_other / (d_pred + d_other)); default ${DEFAULT-VALUE}")
    Confidence confidence;

    @ArgGroup(exclusive = true)
    Rejection rejection;

    /** At most one way to abstain. */
    static final class Rejection {
        @Option(names = "--reject-below", paramLabel = "T", description = "abstain when the confidence is below T")
        Double below;
        @Option(names = "--reject-rate", paramLabel = "R", description = "abstain on the least confident share R of the rows (ties kept together)")
        Double rate;
        @Option(names = "--reject-distance", paramLabel = "D", description = "abstain when the nearest gallery row is farther than D (squared distance)")
        Double distance;
    }

    @Option(names = "--out", paramLabel = "CSV", description = "write predictions here (default: stdout)")
    Path out;
    @Option(names = "--curve", paramLabel = "CSV", description = "write the risk-coverage curve here (needs labelled --data)")
    Path curve;

    PredictCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        GraphWalk graphWalk = GraphWalk.parse(walk);
        EmbeddedCsv queries = EmbeddedCsv.read(data, model, labelColumn);
        if (k < 1) {
            throw new IllegalArgumentException("--k " + k + " must be at least 1");
        }
        Neighbours hits;
        List<String> galleryLabels;
        long t0 = System.nanoTime();
        long c0;
        double openSeconds;
        if (gallery.reference != null) {
            EmbeddedCsv ref = EmbeddedCsv.read(gallery.reference, model, labelColumn);
            if (ref.labels().isEmpty()) {
                throw new IllegalArgumentException(gallery.reference + " has no label column; the gallery needs a label per row");
            }
            if (ref.embeddings().cols() != queries.embeddings().cols()) {
                throw new IllegalArgumentException(gallery.reference + " has " + ref.embeddings().cols() + " columns but " + data + " has "
                        + queries.embeddings().cols() + "; both must be in the same format");
            }
            galleryLabels = ref.labels();
            if (k > galleryLabels.size()) {
                throw new IllegalArgumentException("--k " + k + " must be between 1 and the " + galleryLabels.size() + " gallery rows of "
                        + gallery.reference + "; ask for fewer neighbours");
            }
            ReferenceTiles tiles = new ReferenceTiles(EmbeddingRows.of(ref.embeddings(), "gallery"));
            openSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            c0 = cpuNanos();
            hits = ExactNeighbours.search(EmbeddingRows.of(queries.embeddings(), "queries"), tiles, k);
        } else {
            try (GalleryIndex g = GalleryIndex.open(gallery.index)) {
                if (!g.manifest().labelled()) {
                    throw new IllegalArgumentException(gallery.index + " holds unlabelled rows; build the index from a CSV with a label column");
                }
                g.requireCompatible(queries.embeddings().cols(), queries.model());
                openSeconds = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                c0 = cpuNanos();
                hits = g.search(queries.vectors(), k, efSearch, graphWalk);
                galleryLabels = new ArrayList<>(g.rows());
                for (int r = 0; r < g.rows(); r++) {
                    galleryLabels.add(g.label(r).orElseThrow());
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (cpuNanos() - c0) / 1e9;
        ClassDictionary classes = ClassDictionary.of(galleryLabels);
        KnnPredictions p = KnnPredictions.of(hits, classes.encode(galleryLabels).toArray(), confidence);
        boolean[] answered = answered(p);
        write(p, answered, classes);
        // a search shorter than the CPU clock's tick reads as 0 CPU s, which gives no rate
        String perCpuSecond = cpuSeconds > 0 ? String.format(Locale.ROOT, "%.0f", p.labels().length / cpuSeconds) : "–";
        io.err().printf(Locale.ROOT, "predicted %d rows (k %d, %s): gallery %s in %.3f s, search %.3f s (%.0f rows/s; %.3f CPU s, %s rows per CPU s)%n",
                p.labels().length, k, gallery.index != null ? "hnsw ef_search " + Math.max(k, efSearch) + " " + graphWalk.name().toLowerCase(Locale.ROOT) + " walk" : "exact",
                gallery.index != null ? "opened" : "read", openSeconds, seconds, p.labels().length / seconds, cpuSeconds, perCpuSecond);
        if (!queries.labels().isEmpty()) {
            score(p, answered, classes, queries.labels());
        } else if (curve != null) {
            throw new IllegalArgumentException("--curve needs a label column in " + data + " to tell right from wrong predictions");
        }
        return 0;
    }

    /** CPU time of this process over all threads, in nanoseconds; 0 on a JVM without the HotSpot management extension. */
    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private boolean[] answered(KnnPredictions p) {
        int n = p.labels().length;
        boolean[] yes = new boolean[n];
        double threshold = Double.NEGATIVE_INFINITY;
        if (rejection != null && rejection.rate != null) {
            threshold = RiskCoverage.of(p.confidence(), new boolean[n]).thresholdForRejectRate(rejection.rate);
        } else if (rejection != null && rejection.below != null) {
            if (Double.isNaN(rejection.below)) {
                throw new IllegalArgumentException("--reject-below must be a number, e.g. 0.6 for vote confidence");
            }
            threshold = rejection.below;
        }
        if (rejection != null && rejection.distance != null && !(rejection.distance >= 0)) {
            throw new IllegalArgumentException("--reject-distance " + rejection.distance + " must be a non-negative squared distance");
        }
        for (int i = 0; i < n; i++) {
            yes[i] = p.labels()[i] >= 0 && p.confidence()[i] >= threshold
                    && (rejection == null || rejection.distance == null || p.nearest()[i] <= rejection.distance);
        }
        return yes;
    }

    private void write(KnnPredictions p, boolean[] answered, ClassDictionary classes) throws IOException {
        PrintStream target = out == null ? io.out() : new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8);
        try {
            target.println("row,prediction,confidence,nearest_distance");
            for (int i = 0; i < answered.length; i++) {
                target.println(i + "," + (answered[i] ? classes.name(p.labels()[i]) : UNKNOWN) + "," + p.confidence()[i] + "," + p.nearest()[i]);
            }
        } finally {
            if (out != null) {
                target.close();
            }
        }
    }

    /** Accuracy over all rows, coverage and selective accuracy of this rejection, and AURC; a query label the gallery lacks is never right. */
    private void score(KnnPredictions p, boolean[] answered, ClassDictionary classes, List<String> truth) throws IOException {
        int n = answered.length;
        boolean[] correct = new boolean[n];
        int right = 0;
        int covered = 0;
        int coveredRight = 0;
        for (int i = 0; i < n; i++) {
            correct[i] = p.labels()[i] >= 0 && classes.name(p.labels()[i]).equals(truth.get(i));
            right += correct[i] ? 1 : 0;
            covered += answered[i] ? 1 : 0;
            coveredRight += answered[i] && correct[i] ? 1 : 0;
        }
        RiskCoverage rc = RiskCoverage.of(p.confidence(), correct);
        io.err().printf(Locale.ROOT, "accuracy %.5f; answered %d of %d (coverage %.5f) with accuracy %.5f; AURC %.5f (%s confidence)%n",
                right / (double) n, covered, n, covered / (double) n, covered == 0 ? Double.NaN : coveredRight / (double) covered, rc.aurc(),
                confidence.name().toLowerCase(Locale.ROOT));
        if (curve != null) {
            try (PrintStream c = new PrintStream(Files.newOutputStream(curve), false, StandardCharsets.UTF_8)) {
                c.println("threshold,coverage,risk,accuracy,answered,errors");
                for (RiskCoverage.Point pt : rc.points()) {
                    c.println(pt.threshold() + "," + pt.coverage() + "," + pt.risk() + "," + pt.accuracy() + "," + pt.accepted() + "," + pt.errors());
                }
            }
        }
    }
}
