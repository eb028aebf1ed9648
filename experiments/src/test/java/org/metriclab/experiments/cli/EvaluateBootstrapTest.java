package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.experiments.jackson.Trees;

/** {@code evaluate --bootstrap}: percentile intervals over resampled queries against fixed references. */
class EvaluateBootstrapTest {
    private static Cli evaluate(String... extra) {
        String dir = "random_query_reference/";
        String[] base = {"evaluate", "--embeddings", EvaluateCommandTest.fixture(dir + "query_embeddings.csv").toString(),
            "--labels", EvaluateCommandTest.fixture(dir + "query_labels.csv").toString(),
            "--reference-embeddings", EvaluateCommandTest.fixture(dir + "reference_embeddings.csv").toString(),
            "--reference-labels", EvaluateCommandTest.fixture(dir + "reference_labels.csv").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return Cli.run(all);
    }

    /**
     * Precision@1 is the mean of per-query hits (0/1) over the 105 queries whose class has references (15 of the
     * 120 are lone and excluded; p = 86/105), so the bootstrap standard error must approach the binomial plug-in
     * value √(p(1−p)/n) (Efron &amp; Tibshirani 1993, §2.3: the ideal bootstrap SE of a mean).
     */
    @Test
    void precisionAtOneIntervalMatchesTheBinomialStandardError() {
        Cli c = evaluate("--measures", "precision_at_1,mean_average_precision_at_r", "--bootstrap", "200");
        assertEquals(0, c.code(), c.err());
        Map<?, ?> out = (Map<?, ?>) Trees.parseYaml(c.out(), "stdout");
        double p = ((Number) out.get("precision_at_1")).doubleValue();
        Map<?, ?> ci = (Map<?, ?>) ((Map<?, ?>) out.get("bootstrap_95ci")).get("precision_at_1");
        double low = ((Number) ci.get("low")).doubleValue();
        double high = ((Number) ci.get("high")).doubleValue();
        double se = ((Number) ci.get("standard_error")).doubleValue();
        int n = 105;
        assertEquals(86.0 / n, p, 1e-12);
        double binomial = Math.sqrt(p * (1 - p) / n);
        assertEquals(binomial, se, 0.15 * binomial, "bootstrap SE " + se + " vs binomial " + binomial);
        assertTrue(low < p && p < high && high - low > 2.5 * binomial && high - low < 5 * binomial, low + " " + p + " " + high);
        assertTrue(((Map<?, ?>) out.get("bootstrap_95ci")).containsKey("mean_average_precision_at_r"));
        assertEquals(c.out(), evaluate("--measures", "precision_at_1,mean_average_precision_at_r", "--bootstrap", "200").out(),
                "deterministic for a seed");
    }

    @Test
    void bootstrapNeedsReferencesAndResamples() {
        Cli self = Cli.run("evaluate", "--embeddings", EvaluateCommandTest.fixture("random_self/embeddings.csv").toString(),
                "--labels", EvaluateCommandTest.fixture("random_self/labels.csv").toString(), "--bootstrap", "100");
        assertEquals(Main.BAD_INPUT, self.code());
        assertTrue(self.oneLineError() && self.err().contains("needs --reference-embeddings"), self.err());
        Cli one = evaluate("--bootstrap", "1");
        assertTrue(one.oneLineError() && one.err().contains("at least 2 resamples"), one.err());
    }
}
