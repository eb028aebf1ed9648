package org.metriclab.experiments.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.metriclab.core.data.ClassDictionary;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.verify.OpenSetIdentification;
import org.metriclab.eval.verify.OpenSetProbes;
import org.metriclab.eval.verify.OperatingPoint;
import org.metriclab.experiments.jackson.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metriclab identify}: open-set identification figures as JSON: rank-1 rate of the known probes and, per
 * FAR target, DIR@FAR with its squared-distance threshold (null with the reason when there are too few unknown
 * probes to estimate it). Probes are the {@code --embeddings} rows; the gallery is the reference rows, or, without
 * references, the rows of every class not in {@code --unknown-classes} (each probing the others).
 */
@Command(name = "identify", mixinStandardHelpOptions = true,
        description = "Open-set identification: DIR@FAR (detection and identification rate at a false-alarm rate) as JSON.")
final class IdentifyCommand implements Callable<Integer> {
    private final Console io;

    @Option(names = "--embeddings", required = true, paramLabel = "FILE", description = "probe embeddings (or every row, without references)")
    Path embeddings;
    @Option(names = "--labels", required = true, paramLabel = "FILE")
    Path labels;
    @Option(names = "--reference-embeddings", paramLabel = "FILE", description = "gallery embeddings")
    Path referenceEmbeddings;
    @Option(names = "--reference-labels", paramLabel = "FILE")
    Path referenceLabels;
    @Option(names = "--unknown-classes", split = ",", paramLabel = "C",
            description = "classes held out of the gallery as unknown probes (required without references; with references, "
                    + "the probe classes the gallery lacks, checked)")
    List<String> unknownClasses;
    @Option(names = "--far", split = ",", paramLabel = "X", defaultValue = "0.1,0.01,0.001",
            description = "false-alarm rates in (0, 1); default ${DEFAULT-VALUE}")
    List<Double> far;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv or npy, as for evaluate; default ${DEFAULT-VALUE}")
    EvaluateCommand.InputFormat format;
    @Option(names = "--roc", paramLabel = "CSV", description = "write the open-set ROC (threshold,far,dir) here")
    Path roc;

    IdentifyCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        if ((referenceEmbeddings == null) != (referenceLabels == null)) {
            throw new IllegalArgumentException("--reference-embeddings and --reference-labels go together; give both or neither");
        }
        List<FarTarget> targets = far.stream().map(FarTarget::new).toList();
        Matrix x = format.matrix(embeddings);
        List<String> xl = labelValues(labels, x, embeddings);
        Set<String> unknown = unknownClasses == null ? Set.of() : new HashSet<>(unknownClasses.stream().map(String::trim).toList());
        OpenSetIdentification os;
        if (referenceEmbeddings == null) {
            if (unknown.isEmpty()) {
                throw new IllegalArgumentException("without --reference-embeddings, name the classes to hold out of the gallery with --unknown-classes");
            }
            for (String c : unknown) {
                if (!xl.contains(c)) {
                    throw new IllegalArgumentException("--unknown-classes: class '" + c + "' has no rows in " + labels + "; name classes that occur there");
                }
            }
            ClassDictionary classes = ClassDictionary.of(xl);
            Set<Integer> ids = new HashSet<>();
            unknown.forEach(c -> ids.add(classes.encode(List.of(c)).get(0)));
            os = OpenSetProbes.holdOut(EmbeddingRows.of(x, "embeddings"), classes.encode(xl).toArray(), ids);
        } else {
            Matrix r = format.matrix(referenceEmbeddings);
            if (r.cols() != x.cols()) {
                throw new IllegalArgumentException(referenceEmbeddings + " has " + r.cols() + "-dimensional rows but " + embeddings + " has "
                        + x.cols() + "-dimensional ones; both must have the same dimension");
            }
            List<String> rl = labelValues(referenceLabels, r, referenceEmbeddings);
            Set<String> galleryClasses = new HashSet<>(rl);
            for (String c : unknown) {
                if (galleryClasses.contains(c)) {
                    throw new IllegalArgumentException("--unknown-classes: class '" + c + "' is in the gallery (" + referenceLabels
                            + "); unknown classes must be absent from the gallery");
                }
            }
            if (!unknown.isEmpty()) {
                for (String c : new HashSet<>(xl)) {
                    if (!galleryClasses.contains(c) && !unknown.contains(c)) {
                        throw new IllegalArgumentException("probe class '" + c + "' is neither in the gallery nor in --unknown-classes; add it to"
                                + " --unknown-classes or leave the option out");
                    }
                }
            }
            ClassDictionary classes = ClassDictionary.of(List.of(xl, rl));
            os = OpenSetProbes.against(EmbeddingRows.of(x, "embeddings"), classes.encode(xl).toArray(),
                    EmbeddingRows.of(r, "reference embeddings"), classes.encode(rl).toArray());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("known_probes", os.knownProbes());
        out.put("unknown_probes", os.unknownProbes());
        out.put("rank1", finite(os.rank1()));
        for (FarTarget target : targets) {
            double x0 = target.value();
            String name = "dir_at_far_" + target.label();
            OperatingPoint p = os.dirAtFar(x0);
            out.put(name, finite(p.rate()));
            out.put(name + "_threshold", finite(p.threshold()));
            if (!os.estimable(x0)) {
                out.put(name + "_not_estimable", "needs at least " + OpenSetIdentification.unknownProbesNeeded(x0) + " unknown probes and one known"
                        + " probe; there are " + os.unknownProbes() + " and " + os.knownProbes());
            }
        }
        io.out().println(Trees.toPrettyJson(out));
        if (roc != null) {
            try (PrintStream w = new PrintStream(Files.newOutputStream(roc), false, StandardCharsets.UTF_8)) {
                w.println("threshold,far,dir");
                for (OpenSetIdentification.RatePair p : os.curve()) {
                    w.println(p.threshold() + "," + p.far() + "," + p.dir());
                }
            }
        }
        return 0;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private List<String> labelValues(Path file, Matrix m, Path mFile) {
        List<String> l = new ArrayList<>(format.labelValues(file));
        if (l.size() != m.rows()) {
            throw new IllegalArgumentException(file + " has " + l.size() + " labels but " + mFile + " has " + m.rows()
                    + " rows; expected one label per embedding row");
        }
        return l;
    }
}
