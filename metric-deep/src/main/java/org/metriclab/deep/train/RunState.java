package org.metriclab.deep.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loop counters and early-stopping state of a training run; written to / read from checkpoints. */
final class RunState {
    int epoch;
    long iteration;
    double best = Double.NEGATIVE_INFINITY;
    int bestEpoch;
    int bad;
    LinkedHashMap<String, float[]> bestState;
    final List<Double> epochLoss = new ArrayList<>();
    final List<Double> val = new ArrayList<>();

    void save(Path file, Map<String, float[]> params, float[] weights, Updater up, Updater wup) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(Checkpoint.MAGIC);
                out.writeInt(epoch);
                out.writeLong(iteration);
                out.writeDouble(best);
                out.writeInt(bestEpoch);
                out.writeInt(bad);
                writeList(out, epochLoss);
                writeList(out, val);
                Checkpoint.writeArrays(out, params);
                Checkpoint.writeArrays(out, weights == null ? Map.of() : Map.of("weights", weights));
                Checkpoint.writeArrays(out, bestState == null ? Map.of() : bestState);
                up.write(out);
                wup.write(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write checkpoint " + file, ex);
        }
    }

    float[] load(Path file, Map<String, float[]> params, float[] weights, Updater up, Updater wup) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != Checkpoint.MAGIC) {
                throw new IllegalArgumentException(file + " is not a metric-deep checkpoint");
            }
            epoch = in.readInt();
            iteration = in.readLong();
            best = in.readDouble();
            bestEpoch = in.readInt();
            bad = in.readInt();
            readList(in, epochLoss);
            readList(in, val);
            Map<String, float[]> p = Checkpoint.readArrays(in);
            if (!p.keySet().equals(params.keySet())) {
                throw new IllegalArgumentException("checkpoint " + file + " was written for a different network: " + p.keySet());
            }
            params.putAll(p);
            Map<String, float[]> w = Checkpoint.readArrays(in);
            LinkedHashMap<String, float[]> b = Checkpoint.readArrays(in);
            bestState = b.isEmpty() ? null : b;
            up.read(in);
            wup.read(in);
            return w.isEmpty() ? weights : w.get("weights");
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read checkpoint " + file, ex);
        }
    }

    private static void writeList(DataOutputStream out, List<Double> l) throws IOException {
        out.writeInt(l.size());
        for (double d : l) {
            out.writeDouble(d);
        }
    }

    private static void readList(DataInputStream in, List<Double> l) throws IOException {
        l.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            l.add(in.readDouble());
        }
    }
}
