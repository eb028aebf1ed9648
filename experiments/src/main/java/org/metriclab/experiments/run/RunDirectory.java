package org.metriclab.experiments.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.Provenance;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.Tables;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.results.TrialLog;

/**
 * Opens a results directory for a run, with its lock already held: a fresh directory gets rows.csv,
 * config.resolved.yaml and provenance.json; a resumed one is first checked against the config.
 *
 * <p>Resume refuses a directory whose provenance.json names another config (by the canonical hash of the
 * resolved config; directories whose provenance has only the file-bytes hash are compared by bytes), and
 * independently of provenance.json it refuses rows.csv rows that the config would not produce: a dataset
 * and learner label the config does not run, or the same label with other parameters, another learner or
 * another training size. Rows of two parameter sets therefore never mix under one label. Metadata files
 * that are missing are written again from the config, so a resumed directory is complete afterwards.
 *
 * @param cfg         the bound config
 * @param configBytes the config file as read (its byte hash goes into provenance.json)
 * @param configDir   the config file's directory (provenance looks for the git commit there)
 * @param startedAt   the run's start time for a new provenance.json
 * @param threads     the parallelism recorded in provenance.json
 */
record RunDirectory(ExperimentConfig cfg, byte[] configBytes, Path configDir, Instant startedAt, int threads) {
    /** Prepares {@code dir} and returns its log; {@code done} receives the trials already complete there. */
    TrialLog open(Path dir, boolean resume, List<Trial> plan, Set<TrialKey> done) {
        try {
            if (!resume) {
                TrialLog log = TrialLog.create(dir);
                writeConfig(dir);
                writeProvenance(dir);
                return log;
            }
            Path rows = dir.resolve(TrialLog.ROWS);
            if (!Files.isRegularFile(rows)) {
                throw new IllegalArgumentException(dir + " has no " + TrialLog.ROWS + " to resume; run without --resume");
            }
            checkProvenance(dir);
            checkRows(dir, plan, TrialLog.read(rows), cfg.tuning().spaces().keySet());
            TrialLog log = TrialLog.resume(dir, cfg.measures(), done);
            if (!Files.isRegularFile(dir.resolve(Tables.RESOLVED_CONFIG))) {
                writeConfig(dir);
            }
            if (!Files.isRegularFile(dir.resolve(Provenance.FILE))) {
                writeProvenance(dir);
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare results directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private void writeConfig(Path dir) throws IOException {
        Files.writeString(dir.resolve(Tables.RESOLVED_CONFIG), Trees.toYaml(cfg.toTree()), StandardCharsets.UTF_8);
    }

    private void writeProvenance(Path dir) throws IOException {
        Provenance p = Provenance.capture(configBytes, cfg.toTree(), configDir, startedAt, threads);
        Files.writeString(dir.resolve(Provenance.FILE), Trees.toPrettyJson(p.toTree()) + "\n", StandardCharsets.UTF_8);
    }

    private void checkProvenance(Path dir) {
        Path prov = dir.resolve(Provenance.FILE);
        if (!Files.isRegularFile(prov) || !(Trees.readJson(prov) instanceof Map<?, ?> m)) {
            return;
        }
        Object canonical = m.get(Provenance.CANONICAL_KEY);
        Object bytes = m.get(Provenance.BYTES_KEY);
        boolean same = canonical != null ? canonical.equals(Provenance.canonicalSha256(cfg.toTree()))
                : bytes == null || bytes.equals(Provenance.sha256(configBytes));
        if (!same) {
            throw new IllegalArgumentException(dir + " was produced by a different config (" + (canonical != null
                    ? Provenance.CANONICAL_KEY + " " + canonical : Provenance.BYTES_KEY + " " + bytes)
                    + " in " + Provenance.FILE + "); resume with the same config or choose another --out");
        }
    }

    /** Refuses rows the plan would not produce (see the class comment); the first offending row is named. */
    static void checkRows(Path dir, List<Trial> plan, List<ResultRow> rows) {
        checkRows(dir, plan, rows, Set.of());
    }

    /** As {@link #checkRows(Path, List, List)}; rows of {@code tuned} labels hold their chosen parameters, so only their learner is compared. */
    static void checkRows(Path dir, List<Trial> plan, List<ResultRow> rows, Set<String> tuned) {
        Map<TrialKey, Set<Integer>> sizes = new HashMap<>();
        Map<List<String>, Trial> byLabel = new HashMap<>();
        for (Trial t : plan) {
            sizes.computeIfAbsent(t.key().unsized(), k -> new TreeSet<>()).add(t.key().nTrain());
            byLabel.putIfAbsent(List.of(t.data().name(), t.learner().label()), t);
        }
        String wayOut = "; resume with the config that produced " + dir + ", or choose another --out";
        for (ResultRow r : rows) {
            Trial t = byLabel.get(List.of(r.dataset(), r.label()));
            if (t == null) {
                throw new IllegalArgumentException(dir.resolve(TrialLog.ROWS) + " holds rows of dataset '" + r.dataset() + "' and learner '"
                        + r.label() + "', which this config does not run" + wayOut);
            }
            String params = Trees.canonicalJson(t.learner().resolvedParams());
            if (!r.learner().equals(t.learner().type()) || !tuned.contains(r.label()) && !r.params().equals(params)) {
                throw new IllegalArgumentException(dir.resolve(TrialLog.ROWS) + " holds learner '" + r.label() + "' as " + r.learner() + " "
                        + r.params() + ", but this config makes it " + t.learner().type() + " " + params + wayOut);
            }
            Set<Integer> planned = sizes.get(r.key().unsized());
            if (planned != null && r.nTrain() > 0 && !planned.contains(r.nTrain())) {
                throw new IllegalArgumentException(dir.resolve(TrialLog.ROWS) + " holds " + r.key() + " trained on " + r.nTrain()
                        + " rows, but this config trains it on " + planned.stream().map(String::valueOf).collect(Collectors.joining(" or "))
                        + wayOut);
            }
        }
    }
}
