// SCML's k-means (KMeansCentres: k-means++ seeds, Lloyd iterations over all centres, rows in parallel)
// against Smile's KMeans (k-means++ seeds, BBD-tree filtering Lloyd iterations) on the problem SCML
// solves for digits: 1,257 standardised train rows, 60 features, 67 centres, best of 3 restarts. Prints the median wall time of rounds 2–N
// and each round's inertia / distortion. It lives in SCML's package to reach the package-private class,
// so compile it onto the classpath rather than running it as a source file:
//
//   mvn -o -q -B -pl benchmarks -am -DskipTests install
//   mvn -o -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/cp.txt
//   javac -d benchmarks/target/kmeans-timing -cp "$(cat benchmarks/target/cp.txt)" benchmarks/scripts/KMeansCentresVsSmile.java
//   java -cp "benchmarks/target/kmeans-timing:$(cat benchmarks/target/cp.txt)" org.metriclab.probabilistic.KMeansCentresVsSmile [rounds]
package org.metriclab.probabilistic;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.preprocess.Standardizer;
import smile.clustering.KMeans;
import smile.math.MathEx;

public class KMeansCentresVsSmile {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        LabeledData ld = BuiltinDatasets.load("digits");
        Dataset train = ld.dataset().subset(ld.split().orElseThrow().train());
        double[][] x = Standardizer.fit(train.x()).apply(train.x()).toRows();
        double[] smile = new double[rounds];
        double[] own = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            double distortion = Double.POSITIVE_INFINITY;
            for (int restart = 0; restart < 3; restart++) {
                MathEx.setSeed(10L * r + restart);
                distortion = Math.min(distortion, KMeans.fit(x, 67, 300, 1e-4).distortion);
            }
            long t1 = System.nanoTime();
            double inertia = KMeansCentres.fit(x, 67, 3, new SplittableRandom(r)).inertia();
            long t2 = System.nanoTime();
            smile[r] = (t1 - t0) / 1e9;
            own[r] = (t2 - t1) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: Smile %.3f s (distortion %.1f), KMeansCentres %.3f s (inertia %.1f)%n", r, smile[r],
                    distortion, own[r], inertia);
        }
        System.out.printf(Locale.ROOT, "median of rounds 2-%d: Smile %.3f s, KMeansCentres %.3f s%n", rounds, median(smile), median(own));
    }

    private static double median(double[] v) {
        double[] s = Arrays.copyOfRange(v, Math.min(1, v.length - 1), v.length);
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
