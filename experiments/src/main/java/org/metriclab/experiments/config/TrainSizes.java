package org.metriclab.experiments.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Progress;

/**
 * The training-set sizes a config sweeps ({@code protocol: {..., train_sizes: [300, 600, 1200]}}): every
 * split's training part is replaced by a seeded, stratified subsample of {@code n} of its rows, once per
 * size, and the test part is kept. The size is part of each trial's identity (its {@code n_train}, a column of
 * rows.csv and curves.csv), so trials, resume and paired tests work per size while the dataset keeps its name;
 * tables and figures label each size {@code "<dataset> (n=<size>)"} ({@link #name}), for display only.
 * An empty list means no sweep (the full training part).
 */
public record TrainSizes(List<Integer> sizes) {
    public TrainSizes {
        sizes = List.copyOf(sizes);
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) < 2) {
                throw new IllegalArgumentException("train_sizes[" + i + "]: a training set needs at least 2 rows, got " + sizes.get(i));
            }
            if (sizes.indexOf(sizes.get(i)) != i) {
                throw new IllegalArgumentException("train_sizes[" + i + "]: size " + sizes.get(i) + " is listed twice");
            }
        }
    }

    /** No sweep. */
    public static TrainSizes none() {
        return new TrainSizes(List.of());
    }

    public boolean isEmpty() {
        return sizes.isEmpty();
    }

    /** The table labels of {@code dataset} at each size in config order (just {@code dataset} without a sweep). */
    public List<String> names(String dataset) {
        if (sizes.isEmpty()) {
            return List.of(dataset);
        }
        List<String> out = new ArrayList<>();
        sizes.forEach(n -> out.add(name(dataset, n)));
        return out;
    }

    /** The table label of {@code dataset} subsampled to {@code n} training rows. */
    public static String name(String dataset, int n) {
        return dataset + " (n=" + n + ")";
    }

    /**
     * A stratified subsample of {@code n} of the rows {@code train} (indices into {@code labels}), in
     * ascending order. Each class gets its proportional share, rounded by largest remainder (ties to the
     * class listed first) so the shares add up to {@code n}; its rows are the first of a shuffle drawn
     * from the trial seed's stream {@code "train_size/<split>"}. The same seed and split give the same subsample,
     * and one split's subsamples are nested whenever every class's share grows with {@code n}.
     *
     * @throws IllegalArgumentException when {@code n} exceeds the training rows
     */
    public static int[] subsample(Labels labels, int[] train, int n, long seed, int splitIndex) {
        if (n > train.length) {
            throw new IllegalArgumentException("train size " + n + " exceeds the " + train.length + " training rows of split " + splitIndex);
        }
        if (n == train.length) {
            int[] all = train.clone();
            Arrays.sort(all);
            return all;
        }
        List<Integer> classes = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int r : train) {
            int c = labels.get(r);
            int k = classes.indexOf(c);
            if (k < 0) {
                classes.add(c);
                members.add(new ArrayList<>());
                k = classes.size() - 1;
            }
            members.get(k).add(r);
        }
        int[] quota = new int[classes.size()];
        double[] remainder = new double[classes.size()];
        int given = 0;
        for (int k = 0; k < quota.length; k++) {
            double exact = (double) n * members.get(k).size() / train.length;
            quota[k] = (int) Math.floor(exact);
            remainder[k] = exact - quota[k];
            given += quota[k];
        }
        while (given < n) {
            int best = -1;
            for (int k = 0; k < quota.length; k++) {
                if (quota[k] < members.get(k).size() && (best < 0 || remainder[k] > remainder[best])) {
                    best = k;
                }
            }
            quota[best]++;
            remainder[best] = Double.NEGATIVE_INFINITY;
            given++;
        }
        SplittableRandom rng = new FitContext(seed, Progress.none()).random("train_size/" + splitIndex);
        int[] out = new int[n];
        int at = 0;
        for (int k = 0; k < quota.length; k++) {
            List<Integer> rows = members.get(k);
            int[] perm = FitContext.permutation(rows.size(), rng);
            for (int j = 0; j < quota[k]; j++) {
                out[at++] = rows.get(perm[j]);
            }
        }
        Arrays.sort(out);
        return out;
    }
}
