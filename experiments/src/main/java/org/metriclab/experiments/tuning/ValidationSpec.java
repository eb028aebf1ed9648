package org.metriclab.experiments.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.metriclab.core.data.Labels;
import org.metriclab.core.data.Split;

/**
 * How a training part is split for validation: {@code folds} folds, stratified by class, or with
 * {@code classDisjoint} each fold holding whole classes (validated by retrieval among its own rows).
 *
 * <p>{@link #split} returns rows of the training part, never of the whole dataset, so a fold cannot reach
 * the test part. Stratified: each class's rows are shuffled and dealt to the folds in turn.
 * Class-disjoint: the classes are shuffled and dealt to the folds, so a fold's validation rows belong to
 * classes its training rows do not contain.
 */
public record ValidationSpec(int folds, boolean classDisjoint) {
    public ValidationSpec {
        if (folds < 2) {
            throw new IllegalArgumentException("validation needs at least 2 folds, found " + folds);
        }
    }

    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "kfold");
        m.put("folds", folds);
        m.put("class_disjoint", classDisjoint);
        return m;
    }

    /**
     * The folds of a training part with labels {@code labels}.
     *
     * @throws IllegalArgumentException when a class has fewer rows than folds (stratified) or a fold would
     *                                  get fewer than 2 classes (class-disjoint); the message names the way out
     */
    public List<Split> split(Labels labels, long seed) {
        int k = folds;
        SplittableRandom r = new SplittableRandom(seed);
        int[] classes = labels.classes();
        int[] foldOf = new int[labels.size()];
        if (classDisjoint) {
            if (classes.length < 2 * k) {
                throw new IllegalArgumentException("class_disjoint validation with " + k + " folds needs at least " + 2 * k
                        + " classes in each training part (2 per fold), found " + classes.length + "; use fewer folds or class_disjoint: false");
            }
            int[] order = shuffled(classes.length, r);
            for (int i = 0; i < order.length; i++) {
                for (int row : labels.indicesOf(classes[order[i]])) {
                    foldOf[row] = i % k;
                }
            }
        } else {
            int[] sizes = labels.classSizes();
            for (int c = 0; c < classes.length; c++) {
                if (sizes[c] < k) {
                    throw new IllegalArgumentException(k + " validation folds, but class " + classes[c] + " has only " + sizes[c]
                            + " rows in a training part; use at most " + minimum(sizes) + " folds");
                }
                int[] rows = labels.indicesOf(classes[c]);
                int[] order = shuffled(rows.length, r);
                for (int i = 0; i < rows.length; i++) {
                    foldOf[rows[order[i]]] = i % k;
                }
            }
        }
        List<Split> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            boolean[] isValidation = new boolean[labels.size()];
            for (int i = 0; i < foldOf.length; i++) {
                isValidation[i] = foldOf[i] == f;
            }
            out.add(Split.fromTestFlags(isValidation));
        }
        return out;
    }

    private static int minimum(int[] sizes) {
        int m = Integer.MAX_VALUE;
        for (int s : sizes) {
            m = Math.min(m, s);
        }
        return m;
    }

    private static int[] shuffled(int n, SplittableRandom r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
