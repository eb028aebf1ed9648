package org.metriclab.experiments.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.metriclab.core.data.DataFormatException;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.config.TrainSizes;
import org.metriclab.experiments.jackson.Trees;

/**
 * How a run's rows become tables: one table per measure, rows and columns laid out as the config's
 * {@code table:} says (or by any of {@link #AXES}) and ordered as in the config. Tables are rebuilt from rows.csv and
 * config.resolved.yaml alone, so changing a layout never means rerunning.
 *
 * @param datasets the dataset axis labels in config order: dataset names, or with {@code sized} one label per
 *                 dataset and training size ({@link TrainSizes#name})
 * @param sized    the run sweeps training sizes, so the dataset axis tells the sizes apart by each row's {@code n_train}
 */
public record Tables(List<String> measures, String rowAxis, String columnAxis, List<String> datasets, List<String> learners,
        boolean sized) {
    public static final String RESOLVED_CONFIG = "config.resolved.yaml";
    public static final String DIR = "tables";
    /** The keys a table can be laid out by. */
    public static final List<String> AXES = List.of("dataset", "learner", "seed", "split");

    public Tables {
        measures = List.copyOf(measures);
        datasets = List.copyOf(datasets);
        learners = List.copyOf(learners);
    }

    /** A layout without a training-size sweep. */
    public Tables(List<String> measures, String rowAxis, String columnAxis, List<String> datasets, List<String> learners) {
        this(measures, rowAxis, columnAxis, datasets, learners, false);
    }

    public static Tables of(ExperimentConfig cfg) {
        return new Tables(cfg.measures(), cfg.table().rows().configName(), cfg.table().columns().configName(),
                cfg.datasetNames(), cfg.learnerLabels(), !cfg.trainSizes().isEmpty());
    }

    /** The dataset axis label of a trial: its dataset, with the training size when the run sweeps sizes. */
    public String datasetLabel(TrialKey trial) {
        return sized ? TrainSizes.name(trial.dataset(), trial.nTrain()) : trial.dataset();
    }

    /** The layout of a results directory: from its config.resolved.yaml, else from the order of rows.csv. */
    public static Tables read(Path resultsDir, List<ResultRow> rows) {
        Path cfg = resultsDir.resolve(RESOLVED_CONFIG);
        if (!Files.isRegularFile(cfg)) {
            Set<String> ms = new LinkedHashSet<>();
            Set<String> ds = new LinkedHashSet<>();
            Set<String> ls = new LinkedHashSet<>();
            Map<TrialKey, Integer> sizes = new HashMap<>();
            boolean sized = false;
            for (ResultRow r : rows) {
                Integer other = sizes.putIfAbsent(r.key().unsized(), r.nTrain());
                sized |= other != null && other != r.nTrain();
            }
            Tables unsized = new Tables(List.of(), "dataset", "learner", List.of(), List.of(), sized);
            rows.forEach(r -> {
                ms.add(r.measure());
                ds.add(unsized.datasetLabel(r.key()));
                ls.add(r.label());
            });
            return new Tables(new ArrayList<>(ms), "dataset", "learner", new ArrayList<>(ds), new ArrayList<>(ls), sized);
        }
        try {
            Map<?, ?> tree = (Map<?, ?>) Trees.readYaml(cfg);
            Map<?, ?> table = (Map<?, ?>) tree.get("table");
            List<Integer> sizes = new ArrayList<>();
            if (tree.get("protocol") instanceof Map<?, ?> protocol && protocol.get("train_sizes") instanceof List<?> ts) {
                ts.forEach(n -> sizes.add((Integer) n)); // a size beyond an int reads as a Long and is refused, never wrapped
            }
            List<String> ds = new ArrayList<>();
            for (Object d : (List<?>) tree.get("datasets")) {
                ds.addAll(new TrainSizes(sizes).names(String.valueOf(((Map<?, ?>) d).get("name"))));
            }
            List<String> ls = new ArrayList<>();
            for (Object l : (List<?>) tree.get("learners")) {
                Map<?, ?> lm = (Map<?, ?>) l;
                if (lm.get("variants") instanceof List<?> vs) {
                    vs.forEach(v -> ls.add(String.valueOf(((Map<?, ?>) v).get("label"))));
                } else {
                    ls.add(String.valueOf(lm.get("label")));
                }
            }
            List<String> ms = ((List<?>) tree.get("measures")).stream().map(String::valueOf).toList();
            return new Tables(ms, String.valueOf(table.get("rows")), String.valueOf(table.get("columns")), ds, ls, !sizes.isEmpty());
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new DataFormatException(cfg + ": not a resolved experiment config (expected the keys datasets, learners, measures, table)");
        }
    }

    public ResultTable pivot(List<ResultRow> rows, String measure) {
        return ResultTable.pivot(rows, measure, rowAxis, axis(rowAxis), order(rowAxis), columnAxis, axis(columnAxis), order(columnAxis));
    }

    /** The publication table of {@code measure}: significance markers, ranks and the chosen extra columns. */
    public PublishedTable publish(List<ResultRow> rows, String measure, PublishedTable.Options options) {
        return PublishedTable.of(rows, this, measure, options);
    }

    /**
     * The same run laid out with other rows: {@code rows} is one of {@link #AXES}; the columns stay, unless they
     * are the new rows, in which case they become the old rows ({@code --rows learner} transposes the default).
     */
    public Tables withRows(String rows) {
        if (!AXES.contains(rows)) {
            throw new IllegalArgumentException("unknown table rows '" + rows + "'; known: " + String.join(", ", AXES));
        }
        String cols = rows.equals(columnAxis) ? rowAxis : columnAxis;
        return new Tables(measures, rows, cols, datasets, learners, sized);
    }

    /** The value of {@code axis} in a row: its dataset label ({@link #datasetLabel}), learner label, seed or split index. */
    public String key(String axis, ResultRow r) {
        return axis(axis).apply(r);
    }

    /** Identifies the trial a row came from within its table cell: the keys that are neither rows nor columns. */
    String pairKey(ResultRow r) {
        StringBuilder sb = new StringBuilder();
        for (String a : AXES) {
            if (!a.equals(rowAxis) && !a.equals(columnAxis)) {
                sb.append(key(a, r)).append('\u0000');
            }
        }
        return sb.toString();
    }

    private Function<ResultRow, String> axis(String name) {
        return switch (name) {
            case "dataset" -> r -> datasetLabel(r.key());
            case "learner" -> ResultRow::label;
            case "seed" -> r -> Long.toString(r.seed());
            case "split" -> r -> Integer.toString(r.split());
            default -> throw new IllegalArgumentException("unknown table axis '" + name + "'; known: " + String.join(", ", AXES));
        };
    }

    private List<String> order(String name) {
        return switch (name) {
            case "dataset" -> datasets;
            case "learner" -> learners;
            default -> List.of();
        };
    }

    /** Writes tables/&lt;measure&gt;.md, .csv and .tex for every measure. */
    public void write(Path resultsDir, List<ResultRow> rows) {
        Path dir = resultsDir.resolve(DIR);
        try {
            Files.createDirectories(dir);
            for (String m : measures) {
                PublishedTable t = publish(rows, m, PublishedTable.Options.defaults());
                for (TableFormat f : TableFormat.values()) {
                    Files.writeString(dir.resolve(m + "." + f.extension()), f.render(t), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tables to " + dir + ": " + e.getMessage(), e);
        }
    }
}
