package org.metriclab.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;
import org.metriclab.experiments.data.FeatureCsv;
import org.metriclab.experiments.model.StoredModel;
import org.metriclab.index.Gallery;
import org.metriclab.index.IndexManifest;

/**
 * A CSV's rows in embedding space: with a model file, the rows of a CSV in the model's training format embedded by
 * the learned metric (x ↦ Lx, preprocessing included); without one, a header CSV whose numeric columns already are
 * embeddings. Labels come from the model's label column (or {@code labelColumn} without a model) when present.
 *
 * @param model the model's fingerprint (the first 16 hex digits of the SHA-256 of the model file), or
 *              {@link IndexManifest#NO_MODEL}
 */
record EmbeddedCsv(Matrix embeddings, List<String> labels, String model) {
    /** The default label column of embedding CSVs, as {@code transform} writes them for models without one. */
    static final String DEFAULT_LABEL_COLUMN = "label";

    static EmbeddedCsv read(Path data, Path modelFile, String labelColumn) throws IOException {
        if (modelFile == null) {
            FeatureCsv in = FeatureCsv.read(data, labelColumn);
            return new EmbeddedCsv(in.x(), in.labels().orElse(List.of()), IndexManifest.NO_MODEL);
        }
        StoredModel m = StoredModel.read(modelFile, MetricCodecs.load());
        FeatureCsv in = FeatureCsv.read(data, m.labelColumn());
        if (!in.featureNames().equals(m.features())) {
            throw new IllegalArgumentException(data + ": feature columns " + in.featureNames() + " do not match the model's training format "
                    + m.features() + (m.labelColumn().isEmpty() ? "" : " (label column '" + m.labelColumn() + "' optional)"));
        }
        Matrix e = m.metric().embed(in.x());
        String bad = e.firstNonFinite();
        if (bad != null) {
            throw new IllegalArgumentException(data + ": the " + m.learner() + " model embeds a row to a non-finite value (" + bad
                    + "); check that the data are on the scale the model was fitted on");
        }
        return new EmbeddedCsv(e, in.labels().orElse(List.of()), fingerprint(modelFile));
    }

    Gallery gallery() {
        return Gallery.of(embeddings, labels);
    }

    /** The float32 rows, row-major. */
    float[] vectors() {
        return gallery().vectors();
    }

    static String fingerprint(Path modelFile) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(modelFile));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
