package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 40 rows × 9,000 features: the identity and covariance baselines fit and store compact models; the
 * learners that need d × d eigenproblems refuse up front with one line and a way out.
 */
class WideDataCliTest {
    static final int ROWS = 40;
    static final int FEATURES = 9_000;

    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void writeData() throws Exception {
        data = tmp.resolve("wide.csv");
        SplittableRandom r = new SplittableRandom(7);
        try (BufferedWriter w = Files.newBufferedWriter(data)) {
            for (int j = 0; j < FEATURES; j++) {
                w.write("f" + j + ",");
            }
            w.write("label\n");
            for (int i = 0; i < ROWS; i++) {
                for (int j = 0; j < FEATURES; j++) {
                    w.write(String.format(Locale.ROOT, "%.4f,", r.nextGaussian() + (j == 0 ? 3 * (i % 2) : 0)));
                }
                w.write((i % 2) + "\n");
            }
        }
    }

    private Cli fit(String learner, String model) {
        return Cli.run("fit", "--learner", learner, "--data", data.toString(), "--standardize", "--out", tmp.resolve(model).toString());
    }

    @Test
    void standardizedEuclideanStoresNoDenseIdentity() throws Exception {
        Cli r = fit("euclidean", "euclidean.json");
        assertEquals(0, r.code(), r.err());
        long bytes = Files.size(tmp.resolve("euclidean.json"));
        assertTrue(bytes < 2_000_000, "a dense 9000 × 9000 identity would be over 300 MB; model is " + bytes + " bytes");
    }

    @Test
    void covarianceFitsThroughTheRowGram() throws Exception {
        long t = System.nanoTime();
        Cli r = fit("covariance", "covariance.json");
        double seconds = (System.nanoTime() - t) / 1e9;
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("39-d embedding") || r.out().contains("39-d embedding"), r.err() + r.out());
        assertTrue(seconds < 60, "covariance on 40 × 9000 took " + seconds + " s");
    }

    @Test
    void denseLearnersRefuseWithOneLineAndAWayOut() {
        Cli lfda = fit("lfda", "lfda.json");
        assertEquals(Main.BAD_INPUT, lfda.code(), lfda.err());
        assertTrue(lfda.oneLineError() && lfda.err().contains("reduce the features"), lfda.err());
        Cli rca = fit("rca", "rca.json");
        assertEquals(Main.BAD_INPUT, rca.code(), rca.err());
        assertTrue(rca.oneLineError() && rca.err().contains("reduce the features"), rca.err());
    }
}
