package org.metriclab.experiments.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Table layout: which trial field forms the rows and which the columns (default rows: dataset, columns: learner). */
public record TableSpec(Axis rows, Axis columns) {
    /** A trial field a table can be laid out by. */
    public enum Axis {
        DATASET, LEARNER;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TableSpec {
        if (rows == columns) {
            throw new IllegalArgumentException("table rows and columns must differ, both are " + rows.configName());
        }
    }

    public static TableSpec defaults() {
        return new TableSpec(Axis.DATASET, Axis.LEARNER);
    }

    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows.configName());
        m.put("columns", columns.configName());
        return m;
    }
}
