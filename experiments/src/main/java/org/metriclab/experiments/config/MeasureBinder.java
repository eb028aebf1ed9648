package org.metriclab.experiments.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.metriclab.eval.Measure;
import org.metriclab.eval.MeasureConvention;

/**
 * Binds the {@code measures:} list. An entry is a name ({@code precision_at_10}, {@code map_at_10_oml}) or a mapping
 * {@code {name, k, convention}}: {@code k} fills the {@code k} of a name written with it ({@code map_at_k},
 * {@code precision_at_k}, {@code recall_at_k}, {@code knn_accuracy_k}), {@code convention} (pml, oml or trec) picks the
 * definition of precision_at_k and map_at_k. Every entry becomes its canonical name, the one rows.csv and the tables
 * show ({@code {name: map_at_k, k: 10, convention: oml}} is {@code map_at_10_oml}; the default convention pml carries no
 * suffix). Error rates (eer, fnmr_at_fmr_<x>) and thresholds are accepted: tables read each measure in its
 * {@link org.metriclab.eval.MeasureDirection}. The protocol measures ({@link ProtocolMeasure}) are checked against what the config sets aside for them.
 */
final class MeasureBinder {
    private static final Set<String> KEYS = Set.of("name", "k", "convention");

    private MeasureBinder() {
    }

    static List<String> bind(List<Node> items, Protocol protocol, VerificationThresholds thresholds) {
        List<String> out = new ArrayList<>();
        for (Node n : items) {
            String m = n.isMap() ? fromMapping(n) : n.string();
            Optional<ProtocolMeasure> special = ProtocolMeasure.parse(m);
            if (special.isPresent()) {
                requireSetAside(n, special.get(), protocol, thresholds);
            } else {
                Optional<String> problem = Measures.problem(m);
                if (problem.isPresent()) {
                    throw n.fail(problem.get());
                }
                m = Measures.canonical(m);
            }
            if (out.contains(m)) {
                throw n.fail("measure '" + m + "' is listed twice");
            }
            out.add(m);
        }
        return out;
    }

    private static String fromMapping(Node n) {
        n.rejectUnknown(KEYS);
        String name = n.get("name").string();
        if (n.has("k")) {
            int k = n.get("k").intIn(1, 999_999_999, "a cut-off k");
            String filled = name.replaceFirst("(_at_|accuracy_)k(?=$|_)", "$1" + k);
            if (filled.equals(name)) {
                throw n.get("k").fail("k is given but name '" + name + "' has no k to fill; write e.g. map_at_k or precision_at_k");
            }
            name = filled;
        }
        if (!n.has("convention")) {
            return name;
        }
        Node c = n.get("convention");
        MeasureConvention convention;
        Measure measure;
        try {
            convention = MeasureConvention.parse(c.string());
        } catch (IllegalArgumentException e) {
            throw c.fail(e.getMessage());
        }
        try {
            measure = Measure.parse(name);
        } catch (IllegalArgumentException e) {
            throw n.get("name").fail(e.getMessage());
        }
        if (!measure.kind().takesConvention()) {
            throw c.fail("measure '" + name + "' is defined alike in every convention; only precision_at_<k>, map_at_<k> and "
                    + "mean_reciprocal_rank take one");
        }
        if (!measure.kind().conventions().contains(convention)) {
            throw c.fail("measure '" + name + "' has no " + convention.configName() + " convention; mean_reciprocal_rank takes pml or trec");
        }
        if (measure.convention() != MeasureConvention.DEFAULT && measure.convention() != convention) {
            throw c.fail("measure '" + name + "' already names convention " + measure.convention().configName() + "; give one");
        }
        return measure.withConvention(convention).name();
    }

    private static void requireSetAside(Node n, ProtocolMeasure m, Protocol protocol, VerificationThresholds thresholds) {
        switch (m.kind()) {
            case DIR_AT_FAR -> {
                if (!(protocol instanceof Protocol.ClassDisjoint d) || d.unknownClasses().isEmpty()) {
                    throw n.fail("measure '" + m.name() + "' needs open-set test data; use protocol class_disjoint with unknown_classes: [...]");
                }
            }
            case VALIDATED_TAR_AT_FAR -> {
                if (!thresholds.fromValidation()) {
                    throw n.fail("measure '" + m.name() + "' needs a validation part; add threshold_from: validation to the config");
                }
            }
            default -> throw new IllegalStateException("unhandled protocol measure " + m);
        }
    }
}
