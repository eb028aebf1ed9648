package org.metriclab.eval;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One retrieval measure, parsed from its name.
 *
 * <p>Names (PML AccuracyCalculator conventions, EVALUATION.md §8): {@code precision_at_<k>},
 * {@code recall_at_<k>} (hit rate), {@code r_precision}, {@code mean_average_precision_at_r},
 * {@code mean_average_precision}, {@code mean_reciprocal_rank}, {@code knn_accuracy_<k>}, {@code NMI},
 * {@code AMI}, {@code roc_auc}; every k-NN measure also has a {@code _per_class} (avg-of-avgs) variant.
 *
 * @param kind the quantity
 * @param k the cut-off for the measures that take one (0 otherwise)
 * @param perClass true for the per-class macro average (mean per query label, then unweighted mean)
 */
public record Measure(Kind kind, int k, boolean perClass) {

    /** The quantities; {@link #knn} tells whether the quantity is computed per query from the ranking. */
    public enum Kind {
        PRECISION_AT_K("precision_at_", true, true),
        RECALL_AT_K("recall_at_", true, true),
        R_PRECISION("r_precision", false, true),
        MAP_AT_R("mean_average_precision_at_r", false, true),
        MAP("mean_average_precision", false, true),
        MRR("mean_reciprocal_rank", false, true),
        KNN_ACCURACY("knn_accuracy_", true, true),
        NMI("NMI", false, false),
        AMI("AMI", false, false),
        ROC_AUC("roc_auc", false, false);

        final String stem;
        final boolean takesK;
        final boolean knn;

        Kind(String stem, boolean takesK, boolean knn) {
            this.stem = stem;
            this.takesK = takesK;
            this.knn = knn;
        }

        /** True for the per-query ranking measures (lone queries excluded, per-class variant exists). */
        public boolean isKnn() {
            return knn;
        }
    }

    private static final Pattern WITH_K = Pattern.compile("(precision_at_|recall_at_|knn_accuracy_)([0-9]+)");
    private static final String PER_CLASS = "_per_class";

    public Measure {
        if (kind == null) {
            throw new IllegalArgumentException("measure kind must not be null");
        }
        if (kind.takesK && k < 1) {
            throw new IllegalArgumentException(kind.stem + "<k> needs k >= 1, got " + k);
        }
        if (!kind.takesK && k != 0) {
            throw new IllegalArgumentException(kind.stem + " takes no k, got " + k);
        }
        if (perClass && !kind.knn) {
            throw new IllegalArgumentException(kind.stem + " has no per-class variant");
        }
    }

    /** Every supported name; {@code <k>} stands for a positive integer. */
    public static List<String> names() {
        List<String> base = List.of("precision_at_1", "precision_at_<k>", "recall_at_<k>", "r_precision",
                "mean_average_precision_at_r", "mean_average_precision", "mean_reciprocal_rank", "knn_accuracy_<k>");
        java.util.ArrayList<String> all = new java.util.ArrayList<>(base);
        all.addAll(List.of("NMI", "AMI", "roc_auc"));
        for (String b : base) {
            all.add(b + PER_CLASS);
        }
        return List.copyOf(all);
    }

    /** Parses a measure name; unknown names raise an error listing the known ones. */
    public static Measure parse(String name) {
        if (name == null || name.isBlank()) {
            throw unknown(String.valueOf(name));
        }
        boolean perClass = name.endsWith(PER_CLASS);
        String stem = perClass ? name.substring(0, name.length() - PER_CLASS.length()) : name;
        Matcher m = WITH_K.matcher(stem);
        if (m.matches()) {
            String digits = m.group(2);
            if (digits.startsWith("0") || digits.length() > 9) {
                throw new IllegalArgumentException("measure '" + name + "': k must be a positive integer below 10^9 without leading zeros");
            }
            Kind kind = switch (m.group(1)) {
                case "precision_at_" -> Kind.PRECISION_AT_K;
                case "recall_at_" -> Kind.RECALL_AT_K;
                default -> Kind.KNN_ACCURACY;
            };
            return new Measure(kind, Integer.parseInt(digits), perClass);
        }
        for (Kind kind : Kind.values()) {
            if (!kind.takesK && kind.stem.equals(stem)) {
                if (perClass && !kind.knn) {
                    throw unknown(name);
                }
                return new Measure(kind, 0, perClass);
            }
        }
        throw unknown(name);
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown measure '" + name + "'; known: " + String.join(", ", names())
                + " (<k> = a positive integer)");
    }

    /** The measure without the per-class flag: the per-query quantity both averages share. */
    public Measure base() {
        return perClass ? new Measure(kind, k, false) : this;
    }

    /** The canonical name. */
    public String name() {
        return (kind.takesK ? kind.stem + k : kind.stem) + (perClass ? PER_CLASS : "");
    }
}
