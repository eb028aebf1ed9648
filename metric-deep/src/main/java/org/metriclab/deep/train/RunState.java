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
import java.util.Optional;
import org.metriclab.deep.loss.MemoryState;
import org.metriclab.deep.loss.MetricLoss;

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

    /** The loss's memory read from a checkpoint (empty when the checkpoint holds none). */
    Optional<MemoryState> memory = Optional.empty();

    void save(Path file, Map<String, float[]> params, float[] weights, Updater up, Updater wup, Optional<MemoryState> lossMemory) {
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
                MemoryPart.write(out, lossMemory);
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
            memory = MemoryPart.read(in, file);
            return w.isEmpty() ? weights : w.get("weights");
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read checkpoint " + file, ex);
        }
    }

    /**
     * Gives the run's loss the memory read from {@code file}: a memory-keeping loss needs one of its own
     * size, width and classes, a stateless loss must not find one (the checkpoint was written by another loss).
     */
    void restoreMemory(Path file, MetricLoss runLoss, int embeddingSize, int classes) {
        Optional<MemoryState> own = runLoss.memoryState();
        String wayOut = "; resume with the configuration that wrote it, or delete the checkpoint or set resume: false to start afresh";
        if (own.isPresent() && memory.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + file + " holds no cross-batch memory for loss '" + runLoss.name() + "'" + wayOut);
        }
        if (own.isEmpty() && memory.isPresent()) {
            throw new IllegalArgumentException("checkpoint " + file + " holds a cross-batch memory but loss '" + runLoss.name() + "' keeps none"
                    + wayOut);
        }
        if (memory.isEmpty()) {
            return;
        }
        MemoryState s = memory.get();
        if (s.fill() > 0 && s.dim() != embeddingSize) {
            throw new IllegalArgumentException("checkpoint " + file + ": the cross-batch memory holds embeddings of " + s.dim()
                    + " columns but embedding_size is " + embeddingSize + wayOut);
        }
        if (s.maxLabel() >= classes) {
            throw new IllegalArgumentException("checkpoint " + file + ": the cross-batch memory holds class index " + s.maxLabel()
                    + " but the data have " + classes + " classes" + wayOut);
        }
        try {
            runLoss.restoreMemory(s);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("checkpoint " + file + ": " + ex.getMessage() + wayOut, ex);
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
