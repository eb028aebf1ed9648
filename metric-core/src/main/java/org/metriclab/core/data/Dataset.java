package org.metriclab.core.data;

import java.util.Arrays;
import java.util.Optional;
import org.metriclab.core.linalg.Matrix;

/**
 * An immutable data set: features (one row per sample), integer class labels and a name; optionally
 * a real-valued regression target per sample (used by e.g. MLKR). Shapes and values are validated
 * once, here: every feature must be finite.
 *
 * <p>Column groups: {@code views} partitions the feature columns into views for multi-view learners
 * (empty when none are declared), and {@code privileged} holds extra columns known for the training
 * rows only (learning using privileged information). Privileged columns are not features: transforms
 * never see them, and learners that do not use them ignore them.
 */
public record Dataset(String name, Matrix x, Labels labels, Optional<double[]> targets, Views views, Optional<Matrix> privileged) {
    public Dataset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dataset needs a non-blank name");
        }
        if (x.rows() != labels.size()) {
            throw new IllegalArgumentException(name + ": x has " + x.rows() + " rows but there are " + labels.size() + " labels");
        }
        String bad = x.firstNonFinite();
        if (bad != null) {
            throw new IllegalArgumentException(name + ": feature matrix " + x.shape() + " has a non-finite value at "
                    + bad + "; impute or drop such rows first");
        }
        targets = targets.map(double[]::clone);
        targets.ifPresent(t -> {
            if (t.length != x.rows()) {
                throw new IllegalArgumentException(name + ": " + t.length + " targets for " + x.rows() + " rows");
            }
            for (int i = 0; i < t.length; i++) {
                if (!Double.isFinite(t[i])) {
                    throw new IllegalArgumentException(name + ": target " + i + " is " + t[i]);
                }
            }
        });
        if (views == null || privileged == null) {
            throw new IllegalArgumentException(name + ": views and privileged must not be null (use Views.none(), Optional.empty())");
        }
        views.requirePartitionOf(x.cols(), name);
        privileged.ifPresent(p -> {
            if (p.rows() != x.rows()) {
                throw new IllegalArgumentException(name + ": " + p.rows() + " privileged rows for " + x.rows() + " feature rows");
            }
            String badP = p.firstNonFinite();
            if (badP != null) {
                throw new IllegalArgumentException(name + ": privileged columns " + p.shape() + " have a non-finite value at " + badP
                        + "; impute or drop such rows first");
            }
        });
    }

    public Dataset(String name, Matrix x, Labels labels, Optional<double[]> targets) {
        this(name, x, labels, targets, Views.none(), Optional.empty());
    }

    public Dataset(String name, Matrix x, Labels labels) {
        this(name, x, labels, Optional.empty());
    }

    @Override
    public Optional<double[]> targets() {
        return targets.map(double[]::clone);
    }

    /** The regression targets when present, otherwise the class ids as doubles. */
    public double[] targetsOrLabels() {
        return targets.map(double[]::clone).orElseGet(() -> Arrays.stream(labels.toArray()).asDoubleStream().toArray());
    }

    public int size() {
        return x.rows();
    }

    public int dim() {
        return x.cols();
    }

    /** The rows {@code rows} (features, labels, targets and privileged columns); the same views. */
    public Dataset subset(int[] rows) {
        return new Dataset(name, x.rows(rows), labels.subset(rows), targets.map(t -> {
            double[] s = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                s[k] = t[rows[k]];
            }
            return s;
        }), views, privileged.map(p -> p.rows(rows)));
    }

    /**
     * Same labels, targets and privileged columns, new features (e.g. after preprocessing). The views are
     * kept only when the new features have as many columns; otherwise they no longer describe the columns
     * and are dropped ({@link #withViews} sets them again, e.g. {@link Views#restrict} after dropping columns).
     */
    public Dataset withFeatures(Matrix features) {
        return new Dataset(name, features, labels, targets, features.cols() == x.cols() ? views : Views.none(), privileged);
    }

    /** Same data, these views of the feature columns. */
    public Dataset withViews(Views newViews) {
        return new Dataset(name, x, labels, targets, newViews, privileged);
    }

    /** Same data with privileged (training-only) columns, one row per sample. */
    public Dataset withPrivileged(Matrix columns) {
        return new Dataset(name, x, labels, targets, views, Optional.of(columns));
    }

    public Dataset withName(String newName) {
        return new Dataset(newName, x, labels, targets, views, privileged);
    }

    /** Throws unless there are at least two classes and each class used for supervision has a sample. */
    public void requireAtLeastTwoClasses(String who) {
        if (labels.classCount() < 2) {
            throw new IllegalArgumentException(who + " needs at least two classes, but dataset '" + name + "' has "
                    + labels.classCount() + " (" + size() + " samples)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && name.equals(d.name) && x.equals(d.x) && labels.equals(d.labels)
                && targets.isPresent() == d.targets.isPresent()
                && (targets.isEmpty() || Arrays.equals(targets.get(), d.targets.get()))
                && views.equals(d.views) && privileged.equals(d.privileged);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + x.hashCode()) + labels.hashCode();
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + x.shape() + ", " + labels.classCount() + " classes"
                + (targets.isPresent() ? ", with targets" : "") + (views.isEmpty() ? "" : ", " + views.count() + " views")
                + privileged.map(p -> ", " + p.cols() + " privileged columns").orElse("") + "]";
    }
}
