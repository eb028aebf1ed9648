package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metriclab run} prints one line per finished candidate while it tunes (stderr is not a terminal here). */
class TuningProgressOutputTest {
    @TempDir
    Path tmp;

    @Test
    void eachFinishedCandidateIsALineOnStderr() throws Exception {
        Path cfg = tmp.resolve("tuned.yaml");
        Files.writeString(cfg, """
                name: tuned_cli
                datasets: [iris]
                protocol: {type: holdout, test_fraction: 0.3, repeats: 1}
                tuning: {budget: {trials: 4}, search: sobol, validation: {folds: 2}, select_by: precision_at_1}
                learners: [{type: lfda, space: {k: {int: [1, 9]}}}]
                measures: [precision_at_1]
                """);
        Cli r = Cli.run("run", cfg.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("tuning ")).toList();
        assertEquals(4, lines.size(), r.err());
        for (int i = 0; i < 4; i++) {
            assertTrue(lines.get(i).startsWith("tuning iris/lfda seed 0 split 0: candidate " + (i + 1) + "/4, fold 2/2, best 0."), lines.get(i));
        }
    }
}
