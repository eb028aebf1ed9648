package org.metriclab.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/** The dataset-source registry: lookup by name, loud collisions, bad names. */
class DatasetSourcesTest {
    record Fixed(String name) implements DatasetSource {
        @Override
        public String description() {
            return "four points";
        }

        @Override
        public LabeledData load() {
            return new LabeledData(new Dataset(name, Matrix.of(4, 1, new double[] {0, 1, 5, 6}), Labels.of(0, 0, 1, 1)), Optional.empty());
        }
    }

    @Test
    void findsSourcesByNameInSortedOrder() {
        DatasetSources s = DatasetSources.of(List.of(new Fixed("zeta"), new Fixed("alpha")));
        assertEquals(List.of("alpha", "zeta"), s.names());
        assertEquals(4, s.find("zeta").orElseThrow().load().dataset().size());
        assertTrue(s.find("iris").isEmpty());
    }

    @Test
    void namesCollideLoudly() {
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> DatasetSources.of(List.of(new Fixed("toy"), new Fixed("toy"))));
        assertTrue(twice.getMessage().contains("'toy' is registered twice"), twice.getMessage());
        IllegalStateException builtin = assertThrows(IllegalStateException.class, () -> DatasetSources.of(List.of(new Fixed("iris"))));
        assertTrue(builtin.getMessage().contains("'iris'") && builtin.getMessage().contains("built-in"), builtin.getMessage());
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> DatasetSources.of(List.of(new Fixed("My Data"))));
        assertTrue(bad.getMessage().contains("lower_snake_case"), bad.getMessage());
    }
}
