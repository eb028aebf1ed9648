package org.metriclab.experiments.results;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a run's numbers came from: git commit (when the working directory is in a git checkout),
 * Java version, library versions (from the jar names on the class path), the SHA-256 of the config
 * file's bytes, the start time (UTC) and the number of cores.
 */
public record Provenance(String gitCommit, String javaVersion, Map<String, String> libraries, String configSha256,
        Instant startedAt, int hostCores, int threads) {
    public static final String FILE = "provenance.json";
    private static final Pattern JAR = Pattern.compile("(.+?)-(\\d[^/]*)\\.jar");

    public Provenance {
        libraries = java.util.Collections.unmodifiableMap(new TreeMap<>(libraries));
    }

    /** @param near a directory inside the checkout (the config's); the working directory is tried too */
    public static Provenance capture(byte[] configBytes, Path near, Instant startedAt, int threads) {
        return new Provenance(headCommit(near).or(() -> headCommit(Path.of("."))).orElse("unknown"), System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ")", classPathLibraries(), sha256(configBytes), startedAt,
                Runtime.getRuntime().availableProcessors(), threads);
    }

    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("git_commit", gitCommit);
        m.put("java_version", javaVersion);
        m.put("config_sha256", configSha256);
        m.put("started_at", startedAt.toString());
        m.put("host_cores", hostCores);
        m.put("threads", threads);
        m.put("libraries", libraries);
        return m;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    static Map<String, String> classPathLibraries() {
        Map<String, String> out = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Matcher m = JAR.matcher(Path.of(entry.isEmpty() ? "." : entry).getFileName().toString());
            if (m.matches()) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }

    static Optional<String> headCommit(Path dir) {
        try {
            Process p = new ProcessBuilder("git", "-C", dir.toAbsolutePath().toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            String s = new String(out, StandardCharsets.UTF_8).trim();
            return s.matches("[0-9a-f]{40}") ? Optional.of(s) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
