package org.metriclab.experiments.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the verification thresholds of the {@code validated_tar_at_far_<x>} measures come from. With
 * {@code threshold_from: validation} each trial sets aside a stratified, seeded {@code validation_fraction} of its
 * training rows (per class round(fraction · size), at least one and at most size − 1 for classes of two or more rows):
 * the learner fits on the rest, the thresholds are chosen on the validation rows' pairs and applied to the test pairs.
 *
 * @param source             TEST (the default: no validation part, every verification figure is the test pairs'
 *                           own) or VALIDATION
 * @param validationFraction the share of each training class set aside (VALIDATION only; 0 for TEST)
 */
public record VerificationThresholds(Source source, double validationFraction) {
    /** The config values of {@code threshold_from}. */
    public enum Source {
        /** Thresholds are the test pairs' own operating points. */
        TEST,
        /** Thresholds come from a validation part of the training rows. */
        VALIDATION;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The default validation share. */
    public static final double DEFAULT_FRACTION = 0.2;

    public VerificationThresholds {
        if (source == null) {
            throw new IllegalArgumentException("threshold_from must not be null");
        }
        if (source == Source.VALIDATION && !(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation_fraction must be in (0, 1), got " + validationFraction);
        }
        if (source == Source.TEST && validationFraction != 0) {
            throw new IllegalArgumentException("validation_fraction needs threshold_from: validation");
        }
    }

    /** No validation part. */
    public static VerificationThresholds fromTest() {
        return new VerificationThresholds(Source.TEST, 0);
    }

    public boolean fromValidation() {
        return source == Source.VALIDATION;
    }

    /** The top-level threshold_from and validation_fraction keys of a config. */
    static VerificationThresholds bind(Node root) {
        if (!root.has("threshold_from")) {
            if (root.has("validation_fraction")) {
                throw root.get("validation_fraction").fail("validation_fraction needs threshold_from: validation");
            }
            return VerificationThresholds.fromTest();
        }
        Node from = root.get("threshold_from");
        return switch (from.string()) {
            case "test" -> {
                if (root.has("validation_fraction")) {
                    throw root.get("validation_fraction").fail("validation_fraction needs threshold_from: validation");
                }
                yield VerificationThresholds.fromTest();
            }
            case "validation" -> {
                double f = root.has("validation_fraction") ? root.get("validation_fraction").number() : VerificationThresholds.DEFAULT_FRACTION;
                if (!(f > 0 && f < 1)) {
                    throw root.get("validation_fraction").fail("expected a fraction in (0, 1), found " + f);
                }
                yield new VerificationThresholds(VerificationThresholds.Source.VALIDATION, f);
            }
            default -> throw from.fail("unknown threshold_from '" + from.string() + "'; known: test, validation");
        };
    }

    /** The top-level keys of the resolved config (none for the default). */
    Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (fromValidation()) {
            m.put("threshold_from", source.configName());
            m.put("validation_fraction", validationFraction);
        }
        return m;
    }
}
