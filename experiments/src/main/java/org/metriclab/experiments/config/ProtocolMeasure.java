package org.metriclab.experiments.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A measure that needs more than the test embeddings: the runner computes it from what the protocol sets aside.
 * Both are higher-is-better rates at a false-accept target 10^−exponent, named like {@code tar_at_far_<x>}
 * ({@code <x>} = 0_1, 0_01, ..., exponent 1..9):
 * <ul>
 *   <li>{@code dir_at_far_<x>}: open-set detection-and-identification rate of the {@code class_disjoint} protocol's
 *       {@code unknown_classes} split (unknown-class test rows probe the gallery of the other test rows);</li>
 *   <li>{@code validated_tar_at_far_<x>}: the test pairs' true-accept rate at the threshold chosen on the validation
 *       part ({@code threshold_from: validation}), which may then miss the FAR target on the test pairs.</li>
 * </ul>
 *
 * @param kind     which of the two
 * @param exponent the FAR target 10^−exponent
 */
public record ProtocolMeasure(Kind kind, int exponent) {
    private static final Pattern NAME = Pattern.compile("(dir_at_far_|validated_tar_at_far_)0_(0{0,8})1");

    /** The quantities. */
    public enum Kind {
        /** Open-set DIR at FAR ≤ 10^−exponent. */
        DIR_AT_FAR("dir_at_far_"),
        /** Test TAR at the validation part's FAR ≤ 10^−exponent threshold. */
        VALIDATED_TAR_AT_FAR("validated_tar_at_far_");

        private final String stem;

        Kind(String stem) {
            this.stem = stem;
        }
    }

    public ProtocolMeasure {
        if (kind == null || exponent < 1 || exponent > 9) {
            throw new IllegalArgumentException("a protocol measure needs a kind and a FAR exponent 1..9, got " + kind + ", " + exponent);
        }
    }

    /** The measure with this name, or empty when the name is not one of these. */
    public static Optional<ProtocolMeasure> parse(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name);
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind = m.group(1).equals(Kind.DIR_AT_FAR.stem) ? Kind.DIR_AT_FAR : Kind.VALIDATED_TAR_AT_FAR;
        return Optional.of(new ProtocolMeasure(kind, m.group(2).length() + 1));
    }

    /** The name templates, as {@code metriclab list measures} shows them. */
    public static List<String> names() {
        return List.of("dir_at_far_<x>", "validated_tar_at_far_<x>");
    }

    /** The FAR target 10^−exponent. */
    public double far() {
        return Math.pow(10, -exponent);
    }

    public String name() {
        return kind.stem + "0_" + "0".repeat(exponent - 1) + "1";
    }
}
