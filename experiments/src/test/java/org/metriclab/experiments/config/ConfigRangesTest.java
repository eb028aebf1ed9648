package org.metriclab.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.baseline.BaselineCatalog;
import org.metriclab.core.learn.LearnerCatalog;
import org.metriclab.core.learn.LearnerEntry;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.experiments.jackson.Trees;

/** Numbers are range-checked before narrowing; names and parameter errors point at the right key. */
class ConfigRangesTest {
    /** A learner whose factory reads one int and one long parameter, like max_iter and a seed. */
    private static final LearnerCatalog COUNTING = new LearnerCatalog() {
        @Override
        public String family() {
            return "test";
        }

        @Override
        public List<LearnerEntry> learners() {
            return List.of(new LearnerEntry("counting", "reads max_iter and offset", (Params p) -> {
                p.getInt("max_iter", 100);
                p.getLong("offset", 0);
                return new BaselineCatalog().learners().get(0).factory().apply(Params.empty());
            }));
        }
    };
    private static final Learners REGISTRY = Learners.of(List.of(new BaselineCatalog(), COUNTING));
    private static final String BASE = "name: t\ndatasets: [iris]\nlearners:\n  - {type: euclidean}\n";

    @TempDir
    Path dir;

    private ExperimentConfig bind(String yaml) {
        return new ConfigBinder(REGISTRY, dir).bind(Trees.parseYaml(yaml, "t.yaml"));
    }

    private ConfigException fails(String yaml) {
        return assertThrows(ConfigException.class, () -> bind(yaml));
    }

    @Test
    void aSeedBeyond64BitsIsRejectedNotTruncated() {
        ConfigException e = fails(BASE + "seeds: [1, 99999999999999999999]\n");
        assertEquals("seeds[1]: integer 99999999999999999999 is outside the 64-bit range -9223372036854775808 to 9223372036854775807",
                e.getMessage());
        assertEquals(List.of(Long.MAX_VALUE, Long.MIN_VALUE), bind(BASE + "seeds: [9223372036854775807, -9223372036854775808]\n").seeds());
        assertEquals("seeds[0]", fails(BASE + "seeds: [1.0e19]\n").path());
        assertEquals("seeds[0]: expected an integer, found 'Infinity'", fails(BASE + "seeds: [.inf]\n").getMessage());
        assertEquals("protocol.test_fraction: expected a finite number, found 'NaN'",
                fails(BASE + "protocol: {type: holdout, test_fraction: .nan}\n").getMessage());
    }

    @Test
    void countsNameTheirIntLimit() {
        assertEquals("protocol.folds: expected an integer from 2 to 2147483647 (the 32-bit limit), found 99999999999",
                fails(BASE + "protocol: {type: kfold, folds: 99999999999}\n").getMessage());
        ConfigException classes = fails(BASE + "retrieval: test_self\n"
                + "protocol: {type: class_disjoint, train_classes: [0, 4294967296], test_classes: [2]}\n");
        assertEquals("protocol.train_classes[1]", classes.path());
        assertTrue(classes.getMessage().contains("2147483647"), classes.getMessage());
        assertEquals("protocol.train_sizes[0]", fails(BASE + "protocol: {type: kfold, train_sizes: [3000000000]}\n").path());
    }

    @Test
    void anIntParameterBeyondTheIntRangeIsAConfigErrorAtItsKey() {
        ConfigException e = fails("name: t\ndatasets: [iris]\nlearners:\n  - {type: counting, params: {max_iter: 10000000000}}\n");
        assertEquals("learners[0].params.max_iter", e.path());
        assertEquals("learners[0].params.max_iter: learner 'counting': parameter 'max_iter' = '10000000000':"
                + " expected an integer from -2147483648 to 2147483647 (32-bit limit)", e.getMessage());
        ConfigException swept = fails("name: t\ndatasets: [iris]\nlearners:\n  - {type: counting, sweep: {offset: [1, 99999999999999999999]}}\n");
        assertEquals("learners[0].sweep.offset", swept.path());
    }

    @Test
    void nameRulesAreStatedAsTheyAre() {
        for (String bad : List.of("'...'", "'-rf'", "'.hidden'", "a".repeat(101))) {
            ConfigException e = fails(BASE.replace("name: t", "name: " + bad));
            assertTrue(e.getMessage().contains("must start with a letter or digit"), e.getMessage());
        }
        assertEquals("a.b-c_1", bind(BASE.replace("name: t", "name: a.b-c_1")).name());
    }
}
