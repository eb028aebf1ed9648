package org.metriclab.core.data;

import java.util.Arrays;
import java.util.Optional;
import org.metriclab.core.linalg.Matrix;

/**
 * An immutable data set: features (one row per sample), integer class labels and a name; optionally
 * a real-valued regression target per sample (used by e.g. MLKR). Shapes and values are validated
 * once, here: every feature must be finite.
 */
public record Dataset(String name, Matrix x, Labels labels, Optional<double[]> targets) {
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

    public Dataset subset(int[] rows) {
        return new Dataset(name, x.rows(rows), labels.subset(rows), targets.map(t -> {
            double[] s = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                s[k] = t[rows[k]];
            }
            return s;
        }));
    }

    /** Same labels and targets, new features (e.g. after preprocessing). */
    public Dataset withFeatures(Matrix features) {
        return new Dataset(name, features, labels, targets);
    }

    public Dataset withName(String newName) {
        return new Dataset(newName, x, labels, targets);
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
                && (targets.isEmpty() || Arrays.equals(targets.get(), d.targets.get()));
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + x.hashCode()) + labels.hashCode();
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + x.shape() + ", " + labels.classCount() + " classes"
                + (targets.isPresent() ? ", with targets" : "") + "]";
    }
}
