package org.metriclab.eval;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metriclab.eval.knn.RankedHits;

/**
 * One retrieval measure, parsed from its name.
 *
 * <p>Names (pytorch-metric-learning AccuracyCalculator conventions): {@code precision_at_<k>},
 * {@code recall_at_<k>} (hit rate), {@code r_precision}, {@code mean_average_precision_at_r},
 * {@code mean_average_precision}, {@code mean_reciprocal_rank}, {@code knn_accuracy_<k>}, {@code NMI},
 * {@code AMI}, {@code roc_auc}, and {@code map_at_<k>} (MAP@k); every k-NN measure also has a {@code _per_class}
 * (avg-of-avgs) variant. precision_at_k and map_at_k follow a {@link MeasureConvention}, named by a suffix
 * {@code _pml}, {@code _oml} or {@code _trec} before {@code _per_class} (e.g. {@code map_at_10_oml_per_class}); without
 * one they follow {@link MeasureConvention#DEFAULT} (pml), and the canonical name omits that default suffix;
 * mean_reciprocal_rank takes {@code _trec} (lone queries count as 0, as trec_eval's recip_rank). The
 * verification measures: {@code eer}, {@code tar_at_far_<x>} and {@code fnmr_at_fmr_<x>} where {@code <x>} is the
 * target 10^−k written {@code 0_1}, {@code 0_01}, ... (k = 1..9; for them {@link #k()} is k), each also with a
 * {@code _threshold} form, and the pair counts {@code verification_positive_pairs}, {@code verification_negative_pairs}.
 *
 * @param kind the quantity
 * @param k the cut-off for the measures that take one (0 otherwise)
 * @param perClass true for the per-class macro average (mean per query label, then unweighted mean)
 * @param convention the definition followed by precision_at_k and map_at_k; {@link MeasureConvention#DEFAULT} for
 *                   every other measure
 */
public record Measure(Kind kind, int k, boolean perClass, MeasureConvention convention) implements RankMeasure {

    /**
     * The quantities. Each per-query ranking measure carries its formula: a pure function of the query's
     * {@link RankedHits} (ranks p_1 &lt; … &lt; p_R of its R relevant references, classes of its nearest references)
     * and the cut-off k. The others are computed over the whole query set.
     */
    public enum Kind {
        /** precision_at_k = #{i : p_i ≤ k} / k, or / min(k, R) under the oml convention; beyond the references: misses. */
        PRECISION_AT_K("precision_at_", true, MeasureConvention::precisionAtK),
        /** map_at_k = Σ_{i : p_i ≤ k} (i / p_i) / R, or / #{i : p_i ≤ k} under the oml convention. */
        MAP_AT_K("map_at_", true, MeasureConvention::mapAtK),
        /** recall_at_k (hit rate) = 1 if p_1 ≤ k, else 0. */
        RECALL_AT_K("recall_at_", true, (c, h, k) -> h.anyRelevantWithin(k) ? 1.0 : 0.0),
        /** r_precision = #{i : p_i ≤ R} / R. */
        R_PRECISION("r_precision", false, (c, h, k) -> h.relevantWithin(h.relevant()) / (double) h.relevant()),
        /** mean_average_precision_at_r = Σ_{i : p_i ≤ R} (i / p_i) / R. */
        MAP_AT_R("mean_average_precision_at_r", false, (c, h, k) -> {
            int r = h.relevant();
            double s = 0;
            for (int i = 0; i < r && h.rank(i) <= r; i++) {
                s += (i + 1) / (double) h.rank(i);
            }
            return s / r;
        }),
        /** mean_average_precision = Σ_{i=1..R} (i / p_i) / R, over the full ranking. */
        MAP("mean_average_precision", false, (c, h, k) -> {
            int r = h.relevant();
            double s = 0;
            for (int i = 0; i < r; i++) {
                s += (i + 1) / (double) h.rank(i);
            }
            return s / r;
        }),
        /** mean_reciprocal_rank = 1 / p_1. */
        MRR("mean_reciprocal_rank", false, (c, h, k) -> 1.0 / h.firstRelevantRank()),
        /**
         * knn_accuracy_k = 1 if the majority class of the min(k, references) nearest is the query's, else 0; ties
         * between classes go to the class of the nearest reference among them.
         */
        KNN_ACCURACY("knn_accuracy_", true, (c, h, k) -> h.majorityClass(k) == h.queryClass() ? 1.0 : 0.0),
        /** Normalised mutual information of a k-means clustering of the queries with their labels. */
        NMI("NMI", false, null),
        /** Adjusted mutual information of the same clustering. */
        AMI("AMI", false, null),
        /** Exact pair-verification ROC-AUC over every query–reference pair. */
        ROC_AUC("roc_auc", false, null),
        /** Equal error rate: max(FAR, FNMR) minimised over the pair-distance thresholds (lower is better). */
        EER("eer", false, null),
        /** The squared-distance threshold at which the EER is attained. */
        EER_THRESHOLD("eer_threshold", false, null),
        /** True accept rate at FAR ≤ 10^−k (k = the number of decimals of the target). */
        TAR_AT_FAR("tar_at_far_", true, null),
        /** The squared-distance threshold of tar_at_far. */
        TAR_AT_FAR_THRESHOLD("tar_at_far_", true, null),
        /** False non-match rate at FMR ≤ 10^−k, 1 − TAR at the same threshold (lower is better). */
        FNMR_AT_FMR("fnmr_at_fmr_", true, null),
        /** The squared-distance threshold of fnmr_at_fmr (that of tar_at_far). */
        FNMR_AT_FMR_THRESHOLD("fnmr_at_fmr_", true, null),
        /** Same-label pairs the verification measures used (all, or the sample's size). */
        VERIFICATION_POSITIVE_PAIRS("verification_positive_pairs", false, null),
        /** Different-label pairs the verification measures used (all, or the sample's size). */
        VERIFICATION_NEGATIVE_PAIRS("verification_negative_pairs", false, null);

        final String stem;
        final boolean takesK;
        private final Formula formula;

        Kind(String stem, boolean takesK, Formula formula) {
            this.stem = stem;
            this.takesK = takesK;
            this.formula = formula;
        }

        /** True for the per-query ranking measures (lone queries excluded, per-class variant exists). */
        public boolean isKnn() {
            return formula != null;
        }

        /** True for the measures whose definition depends on the {@link MeasureConvention}. */
        public boolean takesConvention() {
            return this == PRECISION_AT_K || this == MAP_AT_K || this == MRR;
        }

        /**
         * The conventions that define this measure: all three for precision_at_k and map_at_k; pml and trec for
         * mean_reciprocal_rank (trec_eval's recip_rank counts a query without a relevant reference as 0; open-metric-learning
         * has no reciprocal rank); only the default for the rest.
         */
        public Set<MeasureConvention> conventions() {
            return switch (this) {
                case PRECISION_AT_K, MAP_AT_K -> EnumSet.allOf(MeasureConvention.class);
                case MRR -> EnumSet.of(MeasureConvention.PML, MeasureConvention.TREC);
                default -> EnumSet.of(MeasureConvention.DEFAULT);
            };
        }

        /** True for the measures computed from the same-label and different-label pair distances. */
        public boolean isVerification() {
            return compareTo(EER) >= 0;
        }

        /**
         * Which way the values are better: scores (the ranking measures, NMI, AMI, ROC AUC, TAR@FAR) higher, the error
         * rates (EER, FNMR@FMR) lower; the thresholds and pair counts are reported but never ranked.
         */
        public MeasureDirection direction() {
            return switch (this) {
                case EER, FNMR_AT_FMR -> MeasureDirection.LOWER_IS_BETTER;
                case EER_THRESHOLD, TAR_AT_FAR_THRESHOLD, FNMR_AT_FMR_THRESHOLD, VERIFICATION_POSITIVE_PAIRS,
                        VERIFICATION_NEGATIVE_PAIRS -> MeasureDirection.NOT_RANKED;
                default -> MeasureDirection.HIGHER_IS_BETTER;
            };
        }

        /** True for the scores ({@link #direction()} is {@link MeasureDirection#HIGHER_IS_BETTER}), which tuning maximises. */
        public boolean higherIsBetter() {
            return direction() == MeasureDirection.HIGHER_IS_BETTER;
        }
    }

    /** A per-query ranking measure's value from the query's ranked hits and the cut-off. */
    @FunctionalInterface
    private interface Formula {
        double value(MeasureConvention convention, RankedHits hits, int k);
    }

    private static final Pattern WITH_K = Pattern.compile("(precision_at_|map_at_|recall_at_|knn_accuracy_)([0-9]+)");
    /** A convention suffix: _pml, _oml or _trec. */
    private static final Pattern CONVENTION = Pattern.compile("(.+)_(pml|oml|trec)");
    private static final String PER_CLASS = "_per_class";
    /** Which measures take a convention, for error messages. */
    private static final String CONVENTION_TAKERS = "only precision_at_<k>, map_at_<k> (suffix _pml, _oml or _trec) and "
            + "mean_reciprocal_rank (_trec) take one";
    /** A FAR/FMR target 10^−k written as a decimal with '_' for the point: 0_1, 0_01, ... (k = 1..9). */
    private static final Pattern AT_RATE = Pattern.compile("(tar_at_far_|fnmr_at_fmr_)0_(0{0,8})1(_threshold)?");
    /** The FAR/FMR targets listed by {@link #names()}: 10^−1 .. 10^−4. */
    private static final int LISTED_RATE_DECIMALS = 4;

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
        if (perClass && !kind.isKnn()) {
            throw new IllegalArgumentException(kind.stem + " has no per-class variant");
        }
        if (kind.isVerification() && kind.takesK && k > 9) {
            throw new IllegalArgumentException(kind.stem + " takes a target 10^-k with k = 1..9, got k = " + k);
        }
        if (convention == null) {
            throw new IllegalArgumentException("measure convention must not be null");
        }
        if (!kind.takesConvention() && convention != MeasureConvention.DEFAULT) {
            throw new IllegalArgumentException(kind.stem + (kind.takesK ? "<k>" : "") + " is defined alike in every convention; "
                    + CONVENTION_TAKERS);
        }
        if (!kind.conventions().contains(convention)) {
            throw new IllegalArgumentException(kind.stem + " has no " + convention.configName() + " convention (open-metric-learning "
                    + "defines no reciprocal rank); use mean_reciprocal_rank or mean_reciprocal_rank_trec");
        }
    }

    /** A measure under the default convention. */
    public Measure(Kind kind, int k, boolean perClass) {
        this(kind, k, perClass, MeasureConvention.DEFAULT);
    }

    /** This measure under {@code c} (an error for measures whose definition has no convention). */
    public Measure withConvention(MeasureConvention c) {
        return new Measure(kind, k, perClass, c);
    }

    /**
     * Every supported name in its canonical form; {@code <k>} stands for a positive integer. The default
     * convention's suffix ({@code precision_at_<k>_pml}) is accepted too but not listed.
     */
    public static List<String> names() {
        List<String> base = new ArrayList<>(List.of("precision_at_1", "precision_at_<k>", "map_at_<k>", "recall_at_<k>", "r_precision",
                "mean_average_precision_at_r", "mean_average_precision", "mean_reciprocal_rank", "knn_accuracy_<k>"));
        for (String stem : List.of("precision_at_<k>_", "map_at_<k>_")) {
            for (MeasureConvention c : MeasureConvention.values()) {
                if (c != MeasureConvention.DEFAULT) {
                    base.add(stem + c.configName());
                }
            }
        }
        base.add("mean_reciprocal_rank_trec");
        ArrayList<String> all = new ArrayList<>(base);
        all.addAll(List.of("NMI", "AMI", "roc_auc", "eer", "eer_threshold"));
        for (String stem : List.of("tar_at_far_", "fnmr_at_fmr_")) {
            for (int k = 1; k <= LISTED_RATE_DECIMALS; k++) {
                all.add(stem + rateName(k));
                all.add(stem + rateName(k) + "_threshold");
            }
        }
        all.addAll(List.of("verification_positive_pairs", "verification_negative_pairs"));
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
        Matcher rate = AT_RATE.matcher(name);
        if (rate.matches()) {
            boolean tar = rate.group(1).equals("tar_at_far_");
            boolean threshold = rate.group(3) != null;
            Kind kind = tar ? (threshold ? Kind.TAR_AT_FAR_THRESHOLD : Kind.TAR_AT_FAR)
                    : (threshold ? Kind.FNMR_AT_FMR_THRESHOLD : Kind.FNMR_AT_FMR);
            return new Measure(kind, rate.group(2).length() + 1, false);
        }
        boolean perClass = name.endsWith(PER_CLASS);
        String stem = perClass ? name.substring(0, name.length() - PER_CLASS.length()) : name;
        Matcher named = CONVENTION.matcher(stem);
        if (named.matches()) {
            Measure plain = parse(named.group(1) + (perClass ? PER_CLASS : ""));
            if (!plain.kind.takesConvention()) {
                throw new IllegalArgumentException("measure '" + name + "': " + named.group(1) + " is defined alike in every "
                        + "convention; " + CONVENTION_TAKERS);
            }
            return plain.withConvention(MeasureConvention.parse(named.group(2)));
        }
        Matcher m = WITH_K.matcher(stem);
        if (m.matches()) {
            String digits = m.group(2);
            if (digits.startsWith("0") || digits.length() > 9) {
                throw new IllegalArgumentException("measure '" + name + "': k must be a positive integer below 10^9 without leading zeros");
            }
            Kind kind = switch (m.group(1)) {
                case "precision_at_" -> Kind.PRECISION_AT_K;
                case "map_at_" -> Kind.MAP_AT_K;
                case "recall_at_" -> Kind.RECALL_AT_K;
                default -> Kind.KNN_ACCURACY;
            };
            return new Measure(kind, Integer.parseInt(digits), perClass);
        }
        for (Kind kind : Kind.values()) {
            if (!kind.takesK && kind.stem.equals(stem)) {
                if (perClass && !kind.isKnn()) {
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

    /** Which way this measure's values are better ({@link Kind#direction()}). */
    public MeasureDirection direction() {
        return kind.direction();
    }

    /** The measure without the per-class flag: the per-query quantity both averages share. */
    public Measure base() {
        return perClass ? new Measure(kind, k, false, convention) : this;
    }

    /** The canonical name. */
    public String name() {
        if (kind.isVerification() && kind.takesK) {
            boolean threshold = kind == Kind.TAR_AT_FAR_THRESHOLD || kind == Kind.FNMR_AT_FMR_THRESHOLD;
            return kind.stem + rateName(k) + (threshold ? "_threshold" : "");
        }
        String suffix = convention == MeasureConvention.DEFAULT ? "" : "_" + convention.configName();
        return (kind.takesK ? kind.stem + k : kind.stem) + suffix + (perClass ? PER_CLASS : "");
    }

    /**
     * For precision_at_k and map_at_k, the sentence that says which convention defines this value (tables print it
     * under the table); empty for the other measures, whose definition no convention changes.
     */
    public Optional<String> conventionNote() {
        return kind.takesConvention() ? Optional.of(name() + ": " + convention.definition(kind, k)) : Optional.empty();
    }

    /** The target 10^−k as a name part: 0_1, 0_01, ... */
    private static String rateName(int k) {
        return "0_" + "0".repeat(k - 1) + "1";
    }

    /** The nearest references' classes the formula reads: k for knn_accuracy_k, none otherwise. */
    @Override
    public int depth() {
        return kind == Kind.KNN_ACCURACY ? k : 0;
    }

    /**
     * k for the measures determined by the k nearest references (precision_at_k, recall_at_k, knn_accuracy_k);
     * empty for the measures that read ranks throughout the ranking (r_precision, the MAPs, MRR) and for the rest.
     */
    @Override
    public OptionalInt nearestOnly() {
        return switch (kind) {
            case PRECISION_AT_K, MAP_AT_K, RECALL_AT_K, KNN_ACCURACY -> OptionalInt.of(k);
            default -> OptionalInt.empty();
        };
    }

    /** The per-query value (the per-class flag only changes how values are averaged). */
    @Override
    public double of(RankedHits hits) {
        if (!kind.isKnn()) {
            throw new IllegalStateException(name() + " is not a per-query ranking measure");
        }
        return kind.formula.value(convention, hits, k);
    }

    /** A query without a relevant reference: left out (NaN), or 0 under the trec convention. */
    @Override
    public double lone() {
        return kind.takesConvention() ? convention.lone() : Double.NaN;
    }
}
