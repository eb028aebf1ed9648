package org.metriclab.experiments.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;
import org.metriclab.experiments.data.FeatureCsv;
import org.metriclab.experiments.model.StoredModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metriclab transform --model MODEL.json --data CSV --out EMB.csv}. */
@Command(name = "transform", mixinStandardHelpOptions = true,
        description = "Embed every row of a CSV (in the model's training format; stored preprocessing applied). "
                + "Output header e0,e1,... plus the input's label column when present.")
final class TransformCommand implements Callable<Integer> {
    private final Console io;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "CSV")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "EMB.csv")
    Path out;

    TransformCommand(Console io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        refuseToOverwrite(data, "--data");
        refuseToOverwrite(model, "--model");
        StoredModel m = StoredModel.read(model, MetricCodecs.load());
        FeatureCsv in = FeatureCsv.read(data, m.labelColumn());
        if (!in.featureNames().equals(m.features())) {
            throw new IllegalArgumentException(data + ": feature columns " + in.featureNames() + " do not match the model's training format "
                    + m.features() + (m.labelColumn().isEmpty() ? "" : " (label column '" + m.labelColumn() + "' optional)"));
        }
        Matrix e = m.metric().embed(in.x());
        requireFinite(e, m);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            List<String> head = new ArrayList<>();
            for (int j = 0; j < e.cols(); j++) {
                head.add("e" + j);
            }
            in.labels().ifPresent(l -> head.add(m.labelColumn()));
            w.write(String.join(",", head));
            w.newLine();
            double[] row = new double[e.cols()];
            for (int i = 0; i < e.rows(); i++) {
                e.copyRow(i, row);
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < row.length; j++) {
                    sb.append(j == 0 ? "" : ",").append(row[j]);
                }
                if (in.labels().isPresent()) {
                    sb.append(',').append(in.labels().get().get(i));
                }
                w.write(sb.toString());
                w.newLine();
            }
        }
        io.err().println("embedded " + e.rows() + " rows into " + e.cols() + " dimensions → " + out);
        return 0;
    }

    /** Refuses an {@code --out} that is an input file (compared as real files, so links and spellings count) or a directory. */
    private void refuseToOverwrite(Path input, String option) throws IOException {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a directory; expected the path of the CSV file to write");
        }
        if (Files.exists(out) && Files.exists(input) && Files.isSameFile(out, input)) {
            throw new IllegalArgumentException("--out " + out + " is the same file as " + option + " " + input
                    + "; writing the embedding would overwrite an input; choose another --out path");
        }
    }

    /** An embedding with a non-finite value is an error, never written: the model cannot embed this input. */
    private static void requireFinite(Matrix e, StoredModel m) {
        double[] row = new double[e.cols()];
        for (int i = 0; i < e.rows(); i++) {
            e.copyRow(i, row);
            for (int j = 0; j < row.length; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("data row " + (i + 1) + " embeds to " + row[j] + " in dimension e" + j
                            + ": the " + m.learner() + " model overflows on this input; check that the data are on the scale the model was fitted on");
                }
            }
        }
    }
}
