package org.metriclab.experiments.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.metriclab.core.data.Labels;
import org.metriclab.core.data.Split;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Progress;

/**
 * How a dataset is split into train and test parts. Random protocols draw from the trial seed
 * (stream "split"), so every seed gives its own, reproducible splits; stratified protocols keep each
 * class's proportion in every part.
 */
public sealed interface Protocol {
    /** The config name ({@code type:} value). */
    String type();

    /** The train/test splits of a dataset with these labels and (possibly) its own split. */
    List<Split> splits(Labels labels, Optional<Split> own, long seed);

    Map<String, Object> toTree();

    /** The dataset's own split (built-ins, Fashion-MNIST train/t10k, a CSV with {@code split:}). */
    record FixedSplit() implements Protocol {
        @Override
        public String type() {
            return "fixed_split";
        }

        @Override
        public List<Split> splits(Labels labels, Optional<Split> own, long seed) {
            return List.of(own.orElseThrow(() -> new IllegalArgumentException(
                    "protocol fixed_split needs a dataset with its own split; give the CSV a 'split:' file or use kfold/holdout")));
        }

        @Override
        public Map<String, Object> toTree() {
            return Map.of("type", type());
        }
    }

    /** Stratified k-fold cross-validation over all rows: {@code folds} splits, each row tested once. */
    record KFold(int folds) implements Protocol {
        public KFold {
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be >= 2, got " + folds);
            }
        }

        @Override
        public String type() {
            return "kfold";
        }

        @Override
        public List<Split> splits(Labels labels, Optional<Split> own, long seed) {
            if (labels.size() < folds) {
                throw new IllegalArgumentException("kfold with " + folds + " folds needs at least " + folds + " rows, got " + labels.size());
            }
            SplittableRandom rng = new FitContext(seed, Progress.none()).random("split");
            int[] fold = new int[labels.size()];
            int next = 0;
            for (int c : labels.classes()) {
                int[] members = shuffled(labels.indicesOf(c), rng);
                for (int m : members) {
                    fold[m] = next;
                    next = (next + 1) % folds;
                }
            }
            List<Split> out = new ArrayList<>();
            for (int f = 0; f < folds; f++) {
                boolean[] test = new boolean[fold.length];
                for (int i = 0; i < fold.length; i++) {
                    test[i] = fold[i] == f;
                }
                out.add(Split.fromTestFlags(test));
            }
            return out;
        }

        @Override
        public Map<String, Object> toTree() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type());
            m.put("folds", folds);
            return m;
        }
    }

    /**
     * Stratified repeated holdout: per class, round(test_fraction · size) rows go to test (at least
     * one and at most size − 1 for classes with two or more rows; singletons stay in train).
     */
    record Holdout(double testFraction, int repeats) implements Protocol {
        public Holdout {
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("test_fraction must be in (0, 1), got " + testFraction);
            }
            if (repeats < 1) {
                throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
            }
        }

        @Override
        public String type() {
            return "holdout";
        }

        @Override
        public List<Split> splits(Labels labels, Optional<Split> own, long seed) {
            SplittableRandom rng = new FitContext(seed, Progress.none()).random("split");
            List<Split> out = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                boolean[] test = new boolean[labels.size()];
                for (int c : labels.classes()) {
                    int[] members = shuffled(labels.indicesOf(c), rng);
                    int take = (int) Math.round(testFraction * members.length);
                    if (members.length >= 2) {
                        take = Math.max(1, Math.min(members.length - 1, take));
                    } else {
                        take = 0;
                    }
                    for (int k = 0; k < take; k++) {
                        test[members[k]] = true;
                    }
                }
                out.add(Split.fromTestFlags(test));
            }
            return out;
        }

        @Override
        public Map<String, Object> toTree() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type());
            m.put("test_fraction", testFraction);
            m.put("repeats", repeats);
            return m;
        }
    }

    /**
     * Open-set retrieval: rows of {@code trainClasses} train, rows of {@code testClasses} are tested;
     * rows of other classes are unused. Needs {@code retrieval: test_self}. {@code unknownClasses}, a subset of the
     * test classes, makes the test part an open-set identification as well: their rows are the unknown probes and
     * the other test rows the gallery, which the {@code dir_at_far_<x>} measures evaluate (empty: none).
     */
    record ClassDisjoint(List<Integer> trainClasses, List<Integer> testClasses, List<Integer> unknownClasses) implements Protocol {
        public ClassDisjoint {
            trainClasses = List.copyOf(trainClasses);
            testClasses = List.copyOf(testClasses);
            unknownClasses = List.copyOf(unknownClasses);
            if (trainClasses.isEmpty() || testClasses.isEmpty()) {
                throw new IllegalArgumentException("train_classes and test_classes must both be non-empty");
            }
            for (Integer c : trainClasses) {
                if (testClasses.contains(c)) {
                    throw new IllegalArgumentException("class " + c + " is in both train_classes and test_classes");
                }
            }
            for (Integer c : unknownClasses) {
                if (!testClasses.contains(c)) {
                    throw new IllegalArgumentException("unknown class " + c + " is not among test_classes " + testClasses
                            + "; unknown classes are test classes held out of the gallery");
                }
            }
            if (!unknownClasses.isEmpty() && unknownClasses.containsAll(testClasses)) {
                throw new IllegalArgumentException("unknown_classes holds every test class, which leaves the gallery empty; "
                        + "keep at least one test class known");
            }
        }

        /** Test classes held out of the gallery: each one a test class, not a training (gallery-side) class, listed once. */
        static List<Integer> bindUnknown(Node node, List<Integer> train, List<Integer> test) {
            List<Integer> out = new ArrayList<>();
            for (Node n : node.list()) {
                int c = n.intIn(Integer.MIN_VALUE, Integer.MAX_VALUE, "a class label");
                if (train.contains(c)) {
                    throw n.fail("unknown class " + c + " is a training class; unknown classes must be test classes that no gallery holds");
                }
                if (!test.contains(c)) {
                    throw n.fail("unknown class " + c + " is not among test_classes " + test + "; list it there too");
                }
                if (out.contains(c)) {
                    throw n.fail("unknown class " + c + " is listed twice");
                }
                out.add(c);
            }
            if (out.containsAll(test)) {
                throw node.fail("unknown_classes holds every test class, which leaves the gallery empty; keep at least one test class known");
            }
            return out;
        }

        /** A class-disjoint split without unknown classes. */
        public ClassDisjoint(List<Integer> trainClasses, List<Integer> testClasses) {
            this(trainClasses, testClasses, List.of());
        }

        @Override
        public String type() {
            return "class_disjoint";
        }

        @Override
        public List<Split> splits(Labels labels, Optional<Split> own, long seed) {
            int[] present = labels.classes();
            List<Integer> missing = new ArrayList<>();
            for (Integer c : trainClasses) {
                if (labels.classIndex(c) < 0) {
                    missing.add(c);
                }
            }
            for (Integer c : testClasses) {
                if (labels.classIndex(c) < 0) {
                    missing.add(c);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("class_disjoint names classes " + missing + " that the dataset does not have; it has "
                        + Arrays.stream(present).mapToObj(String::valueOf).collect(Collectors.joining(", ", "[", "]")));
            }
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                if (trainClasses.contains(labels.get(i))) {
                    train.add(i);
                } else if (testClasses.contains(labels.get(i))) {
                    test.add(i);
                }
            }
            return List.of(new Split(train.stream().mapToInt(Integer::intValue).toArray(),
                    test.stream().mapToInt(Integer::intValue).toArray()));
        }

        @Override
        public Map<String, Object> toTree() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type());
            m.put("train_classes", trainClasses);
            m.put("test_classes", testClasses);
            if (!unknownClasses.isEmpty()) {
                m.put("unknown_classes", unknownClasses);
            }
            return m;
        }
    }

    private static int[] shuffled(int[] members, SplittableRandom rng) {
        int[] perm = FitContext.permutation(members.length, rng);
        int[] out = new int[members.length];
        for (int k = 0; k < members.length; k++) {
            out[k] = members[perm[k]];
        }
        return out;
    }
}
