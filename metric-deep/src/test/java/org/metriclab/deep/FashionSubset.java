package org.metriclab.deep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.IdxReader;

/** The shipped Fashion-MNIST subset (2000 train / 1000 test, balanced), pixel values 0..255. */
final class FashionSubset {
    private static Dataset train;
    private static Dataset test;

    private FashionSubset() {
    }

    static synchronized Dataset train() {
        if (train == null) {
            train = read("train");
        }
        return train;
    }

    static synchronized Dataset test() {
        if (test == null) {
            test = read("t10k");
        }
        return test;
    }

    private static Dataset read(String prefix) {
        try {
            Path dir = Files.createTempDirectory("fmnist");
            for (String kind : new String[] {"images-idx3", "labels-idx1"}) {
                try (InputStream in = FashionSubset.class.getResourceAsStream("/fashion-mnist/" + prefix + "-" + kind + "-ubyte.gz")) {
                    Files.copy(in, dir.resolve(prefix + "-" + kind + "-ubyte.gz"));
                }
            }
            return IdxReader.readDataset("fashion_" + prefix, dir.resolve(prefix + "-images-idx3-ubyte.gz"),
                    dir.resolve(prefix + "-labels-idx1-ubyte.gz"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
