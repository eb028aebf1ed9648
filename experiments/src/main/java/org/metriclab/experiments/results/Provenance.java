package org.metriclab.experiments.results;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metriclab.experiments.jackson.Trees;

/**
 * Where a run's numbers came from: git commit (when the working directory is in a git checkout),
 * Java version, library versions (from the jar names on the class path), the SHA-256 of the config
 * file's bytes, the SHA-256 of the resolved config in canonical form, the start time (UTC) and the number of cores.
 *
 * <p>{@code config_canonical_sha256} is what {@code --resume} compares: it hashes the parsed config with every
 * default filled in, serialised with sorted keys, so comments, blank lines, key order and quoting do not
 * change it while any setting does. {@code config_sha256} (the bytes) stays as a record of the exact file.
 */
public record Provenance(String gitCommit, String javaVersion, Map<String, String> libraries, String configSha256,
        String configCanonicalSha256, Instant startedAt, int hostCores, int threads) {
    public static final String FILE = "provenance.json";
    /** The provenance.json key of {@link #configCanonicalSha256}. */
    public static final String CANONICAL_KEY = "config_canonical_sha256";
    /** The provenance.json key of {@link #configSha256}. */
    public static final String BYTES_KEY = "config_sha256";
    private static final Pattern JAR = Pattern.compile("(.+?)-(\\d[^/]*)\\.jar");

    public Provenance {
        libraries = Collections.unmodifiableMap(new TreeMap<>(libraries));
    }

    /** @param near a directory inside the checkout (the config's); the working directory is tried too */
    public static Provenance capture(byte[] configBytes, Object resolvedConfig, Path near, Instant startedAt, int threads) {
        return new Provenance(headCommit(near).or(() -> headCommit(Path.of("."))).orElse("unknown"), System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ")", classPathLibraries(), sha256(configBytes), canonicalSha256(resolvedConfig), startedAt,
                Runtime.getRuntime().availableProcessors(), threads);
    }

    /** The SHA-256 of a config tree in canonical JSON (sorted keys, no insignificant white space). */
    public static String canonicalSha256(Object resolvedConfig) {
        return sha256(Trees.canonicalJson(resolvedConfig).getBytes(StandardCharsets.UTF_8));
    }

    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("git_commit", gitCommit);
        m.put("java_version", javaVersion);
        m.put(BYTES_KEY, configSha256);
        m.put(CANONICAL_KEY, configCanonicalSha256);
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
