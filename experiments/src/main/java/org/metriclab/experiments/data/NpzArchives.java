package org.metriclab.experiments.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.metriclab.core.data.DataFormatException;
import org.metriclab.core.data.LabeledData;
import org.metriclab.experiments.config.DatasetSpec;

/**
 * Loads an {@code npz} dataset: the named members ({@code <array>.npy}, stored or deflated) are extracted
 * into a temporary directory and read as an {@code npy} dataset, so large features are still read
 * memory-mapped in chunks; the directory is removed afterwards. Messages name the members as
 * {@code archive.npz:<array>.npy}.
 */
final class NpzArchives {
    private NpzArchives() {
    }

    static LabeledData load(DatasetSpec.Npz spec) {
        Path archive = spec.archive();
        if (!Files.isRegularFile(archive)) {
            throw new DataFormatException("dataset '" + spec.name() + "': no such file " + archive + "; write it with numpy.savez");
        }
        Path tmp = null;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            tmp = Files.createTempDirectory("metriclab-npz");
            Path x = extract(zip, spec, spec.x(), tmp);
            Path labels = extract(zip, spec, spec.labels(), tmp);
            Optional<Path> testX = spec.testX().isPresent() ? Optional.of(extract(zip, spec, spec.testX().get(), tmp)) : Optional.empty();
            Optional<Path> testLabels = spec.testLabels().isPresent()
                    ? Optional.of(extract(zip, spec, spec.testLabels().get(), tmp)) : Optional.empty();
            try {
                return NpyDatasets.load(new DatasetSpec.Npy(spec.name(), x, labels, testX, testLabels));
            } catch (DataFormatException e) {
                throw new DataFormatException(e.getMessage().replace(tmp + "/", archive + ":"));
            }
        } catch (ZipException e) {
            throw new DataFormatException("dataset '" + spec.name() + "': " + archive + " is not a readable .npz (zip) archive ("
                    + e.getMessage() + "); write it with numpy.savez");
        } catch (IOException e) {
            throw new DataFormatException("dataset '" + spec.name() + "': cannot read " + archive + " (" + e.getMessage()
                    + "); check the file and the free space of the temporary directory");
        } finally {
            remove(tmp);
        }
    }

    /** Copies member {@code <array>.npy} to {@code dir/<array>.npy}; an absent member names the arrays there. */
    private static Path extract(ZipFile zip, DatasetSpec.Npz spec, String array, Path dir) throws IOException {
        ZipEntry entry = zip.getEntry(array + ".npy");
        if (entry == null || !array.matches("[A-Za-z0-9_.-]+") || array.startsWith(".")) {
            List<String> arrays = Collections.list(zip.entries()).stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".npy")).map(n -> n.substring(0, n.length() - 4)).sorted().toList();
            throw new DataFormatException("dataset '" + spec.name() + "': " + spec.archive() + " has no array '" + array + "' (it holds "
                    + (arrays.isEmpty() ? "no .npy members" : String.join(", ", arrays)) + "); name one of those in npz");
        }
        Path target = dir.resolve(array + ".npy");
        if (!Files.exists(target)) {
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target);
            }
        }
        return target;
    }

    private static void remove(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory does not change the loaded data
            dir.toFile().deleteOnExit();
        }
    }
}
