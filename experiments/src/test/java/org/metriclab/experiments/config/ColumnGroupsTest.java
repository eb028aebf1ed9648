package org.metriclab.experiments.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.baseline.BaselineCatalog;
import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.data.DataSources;
import org.metriclab.experiments.jackson.Trees;

class ColumnGroupsTest {
    private static final Learners REGISTRY = Learners.of(List.of(new BaselineCatalog()));

    @TempDir
    Path dir;

    private ExperimentConfig bind(String dataset) {
        return new ConfigBinder(REGISTRY, dir).bind(Trees.parseYaml("name: t\ndatasets: [" + dataset + "]\nlearners: [{type: euclidean}]\n",
                "test.yaml"));
    }

    private ConfigException fails(String dataset) {
        return assertThrows(ConfigException.class, () -> bind(dataset));
    }

    private List<DatasetSpec> rebound(ExperimentConfig c) {
        Map<String, Object> tree = Map.of("name", "t", "datasets", List.of(c.datasets().get(0).toTree()),
                "learners", List.of(Map.of("type", "euclidean")));
        return new ConfigBinder(REGISTRY, dir).bind(tree).datasets();
    }

    private Dataset loaded(String dataset) {
        return DataSources.load(bind(dataset).datasets().get(0)).dataset();
    }

    @Test
    void privilegedColumnsLeaveTheFeaturesAndViewsAreRenumbered() {
        Dataset iris = BuiltinDatasets.load("iris").dataset();
        Dataset d = loaded("{name: iris, views: [[0, 0], [2, 3]], privileged: [[1, 1]]}");
        assertEquals(3, d.dim());
        assertEquals(iris.x().columns(new int[] {0, 2, 3}), d.x());
        assertEquals(iris.x().columns(new int[] {1}), d.privileged().orElseThrow());
        assertArrayEquals(new int[] {0}, d.views().get(0).columns());
        assertArrayEquals(new int[] {1, 2}, d.views().get(1).columns());
        assertEquals(iris.labels(), d.labels());
    }

    @Test
    void aViewMayBeAListOfRangesAndTheResolvedFormBindsBack() {
        ExperimentConfig c = bind("{name: iris, views: [[[0, 0], [2, 2]], [[1, 1], [3, 3]]]}");
        Dataset d = DataSources.load(c.datasets().get(0)).dataset();
        assertArrayEquals(new int[] {0, 2}, d.views().get(0).columns());
        assertArrayEquals(new int[] {1, 3}, d.views().get(1).columns());
        String resolved = Trees.toYaml(c.datasets().get(0).toTree());
        assertTrue(resolved.contains("views:"), resolved);
        assertEquals(c.datasets(), rebound(c), "the resolved form binds back to the same column groups");
        ExperimentConfig renamed = bind("{name: iris_p, source: iris, privileged: [[2, 3]]}");
        assertEquals(renamed.datasets(), rebound(renamed));
    }

    @Test
    void structuralMistakesNameTheirConfigPath() {
        ConfigException overlap = fails("{name: iris, views: [[0, 2], [2, 3]]}");
        assertEquals("datasets[0].views[1]", overlap.path());
        assertTrue(overlap.getMessage().contains("column 2 is also in datasets[0].views[0]"), overlap.getMessage());
        ConfigException inView = fails("{name: iris, views: [[0, 1], [2, 3]], privileged: [[3, 3]]}");
        assertEquals("datasets[0].privileged", inView.path());
        assertTrue(inView.getMessage().contains("cannot be in a view"), inView.getMessage());
        assertEquals("datasets[0].views[0]", fails("{name: iris, views: [[2, 1], [3, 3]]}").path());
        assertEquals("datasets[0].views[0]", fails("{name: iris, views: [[0, 1, 2], [3, 3]]}").path());
        assertEquals("datasets[0].views", fails("{name: iris, views: [[0, 3]]}").path());
        assertEquals("datasets[0].views[0][0]", fails("{name: iris, views: [[-1, 1], [2, 3]]}").path());
    }

    @Test
    void outOfRangeAndUncoveredColumnsFailWhenTheDataIsLoaded() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> loaded("{name: iris, views: [[0, 1], [2, 4]]}"));
        assertTrue(range.getMessage().startsWith("views: column 4 is outside the 4 columns of 'iris'"), range.getMessage());
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> loaded("{name: iris, views: [[0, 0], [2, 3]]}"));
        assertTrue(gap.getMessage().contains("column 1 of 'iris' is in no view and not privileged"), gap.getMessage());
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class, () -> loaded("{name: iris, privileged: [[0, 3]]}"));
        assertTrue(all.getMessage().contains("leave at least one feature column"), all.getMessage());
    }

    @Test
    void viewsAndPcaCannotBeCombined() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigBinder(REGISTRY, dir).bind(Trees.parseYaml(
                "name: t\ndatasets: [{name: iris, views: [[0, 1], [2, 3]]}]\npreprocessing: {pca: 2}\nlearners: [{type: euclidean}]\n",
                "test.yaml")));
        assertEquals("datasets[0].views", e.path());
    }

    @Test
    void sourceLoadsANamedDatasetUnderAnotherNameSoItCanAppearTwice() {
        ExperimentConfig c = new ConfigBinder(REGISTRY, dir).bind(Trees.parseYaml("name: t\ndatasets: [iris, "
                + "{name: iris_privileged, source: iris, privileged: [[2, 3]]}]\nlearners: [{type: euclidean}]\n", "test.yaml"));
        assertEquals(List.of("iris", "iris_privileged"), c.datasetNames());
        Dataset d = DataSources.load(c.datasets().get(1)).dataset();
        assertEquals("iris_privileged", d.name());
        assertEquals(2, d.dim());
        assertEquals(2, d.privileged().orElseThrow().cols());
        assertEquals("datasets[0].source", fails("{name: x, source: iris, csv: a.csv}").path());
    }
}
