package org.metriclab.core.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.metriclab.core.constraint.Chunklets;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.Quadruplets;

/**
 * metric-learn's own constraint draws (random_state 0) on the train rows of a {@link StressSet}, as
 * stress_reference.py wrote them: its 200 similar then 200 dissimilar pairs (ITML, SDML and MMC use
 * them all; LSML pairs the i-th similar with the i-th dissimilar pair), and its 30 chunklets of 2
 * (RCA). Fitting on these compares our learners with metric-learn's numbers on the same constraints,
 * so the tolerance does not have to absorb the spread between random draws.
 *
 * @param similar    the similar pairs (left, right), in metric-learn's order
 * @param dissimilar the dissimilar pairs (left, right), in metric-learn's order
 * @param chunklets  the chunklets, empty where metric-learn could not draw 30 of them
 */
public record StressDraws(int[][] similar, int[][] dissimilar, Optional<Chunklets> chunklets) {
    /** The draws for one stress set. */
    public static StressDraws of(StressSet set) {
        List<int[]> sim = new ArrayList<>();
        List<int[]> dis = new ArrayList<>();
        for (String[] c : rows("/stress/stress_pairs.csv", set.name())) {
            (c[1].equals("1") ? sim : dis).add(new int[] {Integer.parseInt(c[2]), Integer.parseInt(c[3])});
        }
        int[] chunkOf = new int[set.train().size()];
        Arrays.fill(chunkOf, -1);
        boolean any = false;
        for (String[] c : rows("/stress/stress_chunks.csv", set.name())) {
            chunkOf[Integer.parseInt(c[1])] = Integer.parseInt(c[2]);
            any = true;
        }
        return new StressDraws(sim.toArray(int[][]::new), dis.toArray(int[][]::new),
                any ? Optional.of(new Chunklets(chunkOf)) : Optional.empty());
    }

    /** Similar pairs followed by dissimilar ones. */
    public Pairs pairs() {
        int m = similar.length + dissimilar.length;
        int[] left = new int[m];
        int[] right = new int[m];
        boolean[] isSimilar = new boolean[m];
        for (int i = 0; i < m; i++) {
            int[] p = i < similar.length ? similar[i] : dissimilar[i - similar.length];
            left[i] = p[0];
            right[i] = p[1];
            isSimilar[i] = i < similar.length;
        }
        return new Pairs(left, right, isSimilar);
    }

    /** LSML_Supervised's quadruplets: the i-th similar pair against the i-th dissimilar pair. */
    public Quadruplets quadruplets() {
        int q = Math.min(similar.length, dissimilar.length);
        int[] a = new int[q];
        int[] b = new int[q];
        int[] c = new int[q];
        int[] d = new int[q];
        for (int i = 0; i < q; i++) {
            a[i] = similar[i][0];
            b[i] = similar[i][1];
            c[i] = dissimilar[i][0];
            d[i] = dissimilar[i][1];
        }
        return new Quadruplets(a, b, c, d);
    }

    private static List<String[]> rows(String resource, String dataset) {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader in = StressSet.reader(resource)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] c = line.split(",");
                if (c[0].equals(dataset)) {
                    out.add(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
