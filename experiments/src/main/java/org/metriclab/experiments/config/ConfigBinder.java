package org.metriclab.experiments.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.ParamException;
import org.metriclab.core.learn.Params;
import org.metriclab.eval.search.SearchSpec;
import org.metriclab.experiments.data.DatasetSources;
import org.metriclab.experiments.tuning.SearchSpace;
import org.metriclab.experiments.tuning.TuningPlan;
import org.metriclab.experiments.tuning.TuningSpec;

/**
 * Binds a parsed config tree (plain maps and lists) to an {@link ExperimentConfig}, by hand: every key
 * is checked against the schema, every name against the registries, and every learner variant is
 * created once, so all mistakes surface before anything runs, each with its path.
 *
 * <p>Schema (defaults in brackets): name; datasets (built-in or registered-source name, {name, csv, label [label], split},
 * or {name [fashion_mnist], idx: {dir [/usr/share/datasets/fashion-mnist], limit [0]}}, or {name, npz: {file, x, labels, ...}}, or {name, npy: {x, labels,
 * test_x, test_labels}});
 * protocol [{type: fixed_split}] | {type: kfold, folds [5]} | {type: holdout, test_fraction [0.3],
 * repeats [3]} | {type: class_disjoint, train_classes, test_classes, unknown_classes [none]}, each with an optional train_sizes
 * list ({@link TrainSizes}: a stratified subsample of each training part per size); retrieval [train_reference] |
 * test_self; preprocessing [{standardize: true, pca: 0}]; seeds [[0]]; learners ({type, label [type],
 * params [{}], sweep [{}]}); measures [metric-eval's defaults] ({@link MeasureBinder}); threshold_from [test] | validation
 * with validation_fraction [0.2] ({@link VerificationThresholds}); table [{rows: dataset, columns: learner}];
 * warmup [false] (untimed runs of each learner variant's first trial before the timed trials, local engine); tuning (none) with
 * a {@code space} per tuned learner ({@link TuningBinder}); search [{type: exact}] ({@link SearchBinder}).
 */
public final class ConfigBinder {
    /** Dataset names that need no further description. */
    public static final String FASHION_MNIST = "fashion_mnist";
    private static final Set<String> TOP = Set.of("name", "datasets", "protocol", "retrieval", "preprocessing", "seeds",
            "learners", "measures", "table", "warmup", "tuning", "threshold_from", "validation_fraction", "search");
    private static final String TRAIN_SIZES = "train_sizes";
    /** Results directories are named after the config; the first character keeps out '.', '..' and option-like names. */
    private static final int MAX_NAME = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0," + (MAX_NAME - 1) + "}");

    private final Learners registry;
    private final Path baseDir;

    /** @param baseDir the config file's directory: relative CSV paths are looked up there first, then in the working directory */
    public ConfigBinder(Learners registry, Path baseDir) {
        this.registry = registry;
        this.baseDir = baseDir;
    }

    public ExperimentConfig bind(Object tree) {
        Node root = Node.root(tree);
        if (!root.isMap()) {
            throw root.fail("an experiment config must be a mapping with keys " + String.join(", ", new TreeSet<>(TOP)));
        }
        root.rejectUnknown(TOP);
        Node nameNode = root.get("name");
        String name = nameNode.string();
        if (!NAME.matcher(name).matches()) {
            throw nameNode.fail("name '" + name + "' must start with a letter or digit, continue with letters, digits, '_', '.' or '-',"
                    + " and have at most " + MAX_NAME + " characters (it names the results directory)");
        }
        List<DatasetSpec> datasets = datasets(root.get("datasets"));
        Protocol protocol = root.has("protocol") ? protocol(root.get("protocol")) : new Protocol.FixedSplit();
        TrainSizes trainSizes = root.has("protocol") && root.get("protocol").isMap() && root.get("protocol").has(TRAIN_SIZES)
                ? trainSizes(root.get("protocol").get(TRAIN_SIZES)) : TrainSizes.none();
        RetrievalMode retrieval = root.has("retrieval") ? retrieval(root.get("retrieval")) : RetrievalMode.TRAIN_REFERENCE;
        if (protocol instanceof Protocol.ClassDisjoint && retrieval != RetrievalMode.TEST_SELF) {
            throw root.get("retrieval").fail("protocol class_disjoint tests on classes absent from training, so it needs retrieval: test_self");
        }
        Preprocessing pre = root.has("preprocessing") ? preprocessing(root.get("preprocessing")) : Preprocessing.defaults();
        ColumnGroups.requireViewsWithoutPca(datasets, pre);
        List<Long> seeds = root.has("seeds") ? seeds(root.get("seeds")) : List.of(0L);
        List<LearnerSpec> specs = new ArrayList<>();
        List<BoundLearner> variants = new ArrayList<>();
        Optional<TuningSpec> tuning = root.has("tuning") ? Optional.of(new TuningBinder(registry).spec(root.get("tuning"))) : Optional.empty();
        Map<String, SearchSpace> spaces = new LinkedHashMap<>();
        learners(root.get("learners"), specs, variants, tuning.isPresent(), spaces);
        if (tuning.isPresent() && spaces.isEmpty()) {
            throw root.get("tuning").fail("no learner has a space to tune; add space: {PARAM: {uniform: [low, high]}} to a learner entry");
        }
        if (tuning.isPresent()) {
            TuningBinder.checkScheduler(root.get("tuning"), tuning.get(), variants, spaces);
        }
        VerificationThresholds thresholds = VerificationThresholds.bind(root);
        List<String> measures = root.has("measures") ? MeasureBinder.bind(nonEmptyList(root.get("measures")), protocol, thresholds)
                : Measures.defaults();
        if (thresholds.fromValidation() && measures.stream().noneMatch(m -> m.startsWith("validated_tar_at_far_"))) {
            throw root.get("threshold_from").fail("threshold_from: validation sets training rows aside for the validated_tar_at_far_<x> "
                    + "measures, and none is listed; add one to measures or drop threshold_from");
        }
        TableSpec table = root.has("table") ? table(root.get("table")) : TableSpec.defaults();
        boolean warmup = root.bool("warmup", false);
        SearchSpec search = root.has("search") ? SearchBinder.bind(root.get("search"), root.get("measures"), measures) : SearchSpec.EXACT;
        return new ExperimentConfig(name, datasets, protocol, trainSizes, retrieval, pre, seeds, specs, variants, measures, table, warmup,
                new TuningPlan(tuning, spaces), thresholds, search);
    }

    private List<DatasetSpec> datasets(Node node) {
        List<Node> items = nonEmptyList(node);
        List<DatasetSpec> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Node item : items) {
            DatasetSpec spec = ColumnGroups.spec(item, this::dataset);
            String prev = seen.put(spec.name(), item.path());
            if (prev != null) {
                throw item.fail("dataset name '" + spec.name() + "' is used twice (also " + prev + ")");
            }
            out.add(spec);
        }
        return out;
    }

    private DatasetSpec dataset(Node item) {
        if (!item.isMap()) {
            String n = item.string();
            if (BuiltinDatasets.exists(n)) {
                return new DatasetSpec.Builtin(n);
            }
            if (n.equals(FASHION_MNIST)) {
                return new DatasetSpec.Idx(n, Path.of(DatasetSpec.DEFAULT_IDX_DIR), 0);
            }
            DatasetSources sources = DatasetSources.load();
            if (sources.find(n).isPresent()) {
                return new DatasetSpec.Registered(n);
            }
            List<String> known = new ArrayList<>(BuiltinDatasets.NAMES);
            known.add(FASHION_MNIST);
            known.addAll(sources.names());
            throw item.fail("unknown dataset '" + n + "'; known: " + String.join(", ", known)
                    + " (or {name: x, csv: path.csv, label: label})");
        }
        if (item.has("idx")) {
            item.rejectUnknown(Set.of("name", "idx"));
            Node idx = item.get("idx");
            if (!idx.isMap()) {
                throw idx.fail("expected {dir: DIRECTORY, limit: N}");
            }
            idx.rejectUnknown(Set.of("dir", "limit"));
            Path dir = Path.of(idx.string("dir", DatasetSpec.DEFAULT_IDX_DIR));
            return new DatasetSpec.Idx(item.string("name", FASHION_MNIST), dir.isAbsolute() ? dir : baseDir.resolve(dir).normalize(),
                    idx.intValue("limit", 0, 0));
        }
        if (item.has("npy")) {
            item.rejectUnknown(Set.of("name", "npy"));
            Node npy = item.get("npy");
            if (!npy.isMap()) {
                throw npy.fail("expected {x: X.npy, labels: Y.npy, test_x: X.npy, test_labels: Y.npy}");
            }
            npy.rejectUnknown(Set.of("x", "labels", "test_x", "test_labels"));
            if (npy.has("test_x") != npy.has("test_labels")) {
                throw npy.fail("give both test_x and test_labels, or neither");
            }
            // like idx directories, npy files are looked up when the data is loaded (they are often generated later)
            Path x = located(npy.get("x"));
            return new DatasetSpec.Npy(item.string("name", x.getFileName().toString().replaceFirst("\\.npy$", "")), x,
                    located(npy.get("labels")), npy.has("test_x") ? Optional.of(located(npy.get("test_x"))) : Optional.empty(),
                    npy.has("test_labels") ? Optional.of(located(npy.get("test_labels"))) : Optional.empty());
        }
        if (item.has("npz")) {
            item.rejectUnknown(Set.of("name", "npz"));
            Node npz = item.get("npz");
            if (!npz.isMap()) {
                throw npz.fail("expected {file: A.npz, x: x, labels: labels, test_x: NAME, test_labels: NAME}");
            }
            npz.rejectUnknown(Set.of("file", "x", "labels", "test_x", "test_labels"));
            if (npz.has("test_x") != npz.has("test_labels")) {
                throw npz.fail("give both test_x and test_labels, or neither");
            }
            Path file = located(npz.get("file"));
            return new DatasetSpec.Npz(item.string("name", file.getFileName().toString().replaceFirst("\\.npz$", "")), file,
                    npz.string("x", "x"), npz.string("labels", "labels"),
                    npz.has("test_x") ? Optional.of(npz.string("test_x", "")) : Optional.empty(),
                    npz.has("test_labels") ? Optional.of(npz.string("test_labels", "")) : Optional.empty());
        }
        if (item.has("csv")) {
            item.rejectUnknown(Set.of("name", "csv", "label", "split"));
            Path csv = existing(item.get("csv"));
            Optional<Path> split = item.has("split") ? Optional.of(existing(item.get("split"))) : Optional.empty();
            String defName = csv.getFileName().toString().replaceFirst("\\.csv$", "");
            return new DatasetSpec.Csv(item.string("name", defName), csv, item.string("label", "label"), split);
        }
        item.rejectUnknown(Set.of("name"));
        return dataset(item.get("name"));
    }

    /** A relative path against the config's directory, else the working directory when only the latter has the file. */
    private Path located(Node node) {
        Path p = Path.of(node.string());
        if (p.isAbsolute()) {
            return p;
        }
        Path besideConfig = baseDir.resolve(p).normalize();
        Path inWorkingDir = p.toAbsolutePath().normalize();
        return !Files.isRegularFile(besideConfig) && Files.isRegularFile(inWorkingDir) ? inWorkingDir : besideConfig;
    }

    private Path existing(Node node) {
        Path p = Path.of(node.string());
        List<Path> tried = p.isAbsolute() ? List.of(p) : List.of(baseDir.resolve(p).normalize(), p.toAbsolutePath().normalize());
        for (Path t : tried) {
            if (Files.isRegularFile(t)) {
                return t;
            }
        }
        throw node.fail("no such file '" + p + "' (looked for " + tried + ")");
    }

    private Protocol protocol(Node node) {
        if (!node.isMap()) {
            node = new Node(node.path(), Map.of("type", node.string()));
        }
        Node typeNode = node.get("type");
        String type = typeNode.string();
        try {
            switch (type) {
                case "fixed_split" -> {
                    node.rejectUnknown(Set.of("type", TRAIN_SIZES));
                    return new Protocol.FixedSplit();
                }
                case "kfold" -> {
                    node.rejectUnknown(Set.of("type", "folds", TRAIN_SIZES));
                    return new Protocol.KFold(node.intValue("folds", 5, 2));
                }
                case "holdout" -> {
                    node.rejectUnknown(Set.of("type", "test_fraction", "repeats", TRAIN_SIZES));
                    double f = node.has("test_fraction") ? node.get("test_fraction").number() : 0.3;
                    if (!(f > 0 && f < 1)) {
                        throw node.get("test_fraction").fail("expected a fraction in (0, 1), found " + f);
                    }
                    return new Protocol.Holdout(f, node.intValue("repeats", 3, 1));
                }
                case "class_disjoint" -> {
                    node.rejectUnknown(Set.of("type", "train_classes", "test_classes", "unknown_classes", TRAIN_SIZES));
                    List<Integer> train = classes(node.get("train_classes"));
                    List<Integer> test = classes(node.get("test_classes"));
                    return new Protocol.ClassDisjoint(train, test, node.has("unknown_classes")
                            ? Protocol.ClassDisjoint.bindUnknown(node.get("unknown_classes"), train, test) : List.of());
                }
                default -> throw typeNode.fail("unknown protocol '" + type + "'; known: fixed_split, kfold, holdout, class_disjoint");
            }
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw node.fail(e.getMessage());
        }
    }

    private static TrainSizes trainSizes(Node node) {
        List<Integer> out = new ArrayList<>();
        for (Node n : nonEmptyList(node)) {
            int v = n.intIn(2, Integer.MAX_VALUE, "a training-set size");
            if (out.contains(v)) {
                throw n.fail("train size " + v + " is listed twice");
            }
            out.add(v);
        }
        return new TrainSizes(out);
    }

    private static List<Integer> classes(Node node) {
        List<Integer> out = new ArrayList<>();
        for (Node n : nonEmptyList(node)) {
            out.add(n.intIn(Integer.MIN_VALUE, Integer.MAX_VALUE, "a class label"));
        }
        return out;
    }

    private static RetrievalMode retrieval(Node node) {
        String v = node.string();
        for (RetrievalMode m : RetrievalMode.values()) {
            if (m.configName().equals(v)) {
                return m;
            }
        }
        throw node.fail("unknown retrieval mode '" + v + "'; known: train_reference, test_self");
    }

    private static Preprocessing preprocessing(Node node) {
        node.map();
        node.rejectUnknown(Set.of("standardize", "pca"));
        return new Preprocessing(node.bool("standardize", true), node.intValue("pca", 0, 0));
    }

    private static List<Long> seeds(Node node) {
        List<Long> out = new ArrayList<>();
        for (Node n : nonEmptyList(node)) {
            long s = n.integer();
            if (out.contains(s)) {
                throw n.fail("seed " + s + " is listed twice");
            }
            out.add(s);
        }
        return out;
    }

    private void learners(Node node, List<LearnerSpec> specs, List<BoundLearner> variants, boolean tuned, Map<String, SearchSpace> spaces) {
        Map<String, String> labels = new HashMap<>();
        for (Node item : nonEmptyList(node)) {
            item.map();
            item.rejectUnknown(Set.of("type", "label", "params", "sweep", "space"));
            Node typeNode = item.get("type");
            String type = typeNode.string();
            if (!registry.contains(type)) {
                throw typeNode.fail("unknown learner '" + type + "'; known: " + String.join(", ", registry.names()));
            }
            Map<String, Object> params = item.has("params") ? item.get("params").map() : Map.of();
            Map<String, List<Object>> sweep = new LinkedHashMap<>();
            if (item.has("sweep")) {
                Node sw = item.get("sweep");
                for (String key : sw.map().keySet()) {
                    List<Object> values = new ArrayList<>();
                    for (Node v : nonEmptyList(sw.get(key))) {
                        if (v.isNull() || v.isMap()) {
                            throw v.fail("expected a parameter value, found " + Node.describe(v.value()));
                        }
                        values.add(v.value());
                    }
                    if (params.containsKey(key)) {
                        throw sw.get(key).fail("'" + key + "' is both in params and in sweep; keep one");
                    }
                    sweep.put(key, values);
                }
            }
            LearnerSpec spec = new LearnerSpec(type, item.string("label", type), params, sweep);
            for (LearnerSpec.Variant v : spec.expand()) {
                BoundLearner bound = create(item, v, sweep.keySet());
                String prev = labels.put(bound.label(), item.path());
                if (prev != null) {
                    throw item.fail("learner label '" + bound.label() + "' is used twice (also " + prev + "); give each entry its own 'label:'");
                }
                variants.add(bound);
            }
            if (item.has("space")) {
                if (!tuned) {
                    throw item.get("space").fail("a space needs a top-level tuning: block (budget, search, validation, select_by)");
                }
                Set<String> fixed = new HashSet<>(params.keySet());
                fixed.addAll(sweep.keySet());
                SearchSpace space = new TuningBinder(registry).space(item.get("space"), spec.expand(), fixed);
                spec.expand().forEach(v -> spaces.put(v.label(), space));
            }
            specs.add(spec);
        }
    }

    /**
     * Creates the learner once to validate its parameters. A {@link ParamException} names its key, so
     * the error points at {@code params.KEY} or {@code sweep.KEY}; other refusals point at the learner.
     */
    private BoundLearner create(Node item, LearnerSpec.Variant v, Set<String> swept) {
        Params p = Params.of(v.params());
        try {
            registry.create(v.type(), p);
        } catch (ParamException e) {
            String key = e.key();
            String where = item.path() + (swept.contains(key) ? ".sweep." : ".params.") + key;
            throw new ConfigException(v.params().containsKey(key) ? where : item.path(),
                    e.problem() == ParamException.Problem.UNKNOWN_KEY ? e.getMessage() : "learner '" + v.label() + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(item.path(), "learner '" + v.label() + "': " + e.getMessage());
        }
        return new BoundLearner(v.type(), v.label(), p.resolved());
    }

    private static TableSpec table(Node node) {
        node.map();
        node.rejectUnknown(Set.of("rows", "columns"));
        TableSpec.Axis rows = axis(node, "rows", TableSpec.Axis.DATASET);
        TableSpec.Axis cols = axis(node, "columns", rows == TableSpec.Axis.LEARNER ? TableSpec.Axis.DATASET : TableSpec.Axis.LEARNER);
        if (rows == cols) {
            throw node.get("columns").fail("table rows and columns must differ, both are " + rows.configName());
        }
        return new TableSpec(rows, cols);
    }

    private static TableSpec.Axis axis(Node node, String key, TableSpec.Axis fallback) {
        if (!node.has(key)) {
            return fallback;
        }
        String v = node.get(key).string();
        for (TableSpec.Axis a : TableSpec.Axis.values()) {
            if (a.configName().equals(v)) {
                return a;
            }
        }
        throw node.get(key).fail("unknown table axis '" + v + "'; known: dataset, learner");
    }

    private static List<Node> nonEmptyList(Node node) {
        if (node.isNull()) {
            throw node.fail("missing; expected a non-empty list");
        }
        List<Node> l = node.list();
        if (l.isEmpty()) {
            throw node.fail("expected a non-empty list");
        }
        return l;
    }
}
