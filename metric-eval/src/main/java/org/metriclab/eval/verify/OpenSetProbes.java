package org.metriclab.eval.verify;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.IntStream;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ExactNeighbours;
import org.metriclab.eval.knn.Neighbours;
import org.metriclab.eval.knn.ReferenceTiles;

/**
 * The probes of an open-set identification from embeddings, searched exactly: either probes against a separate
 * gallery (a probe whose class the gallery lacks is unknown), or one labelled set whose {@code unknownClasses} are
 * held out of the gallery as unknown probes while every other row probes the rest of the gallery (leave-one-out).
 */
public final class OpenSetProbes {
    private OpenSetProbes() {
    }

    /** Probes against a gallery; probes of classes absent from it are the unknown probes. */
    public static OpenSetIdentification against(EmbeddingRows probes, int[] probeLabels, EmbeddingRows gallery, int[] galleryLabels) {
        requireLabels(probes, probeLabels, "probes");
        requireLabels(gallery, galleryLabels, "gallery");
        Neighbours nearest = ExactNeighbours.search(probes, new ReferenceTiles(gallery), 1);
        int[] galleryClasses = IntStream.of(galleryLabels).distinct().sorted().toArray();
        int known = 0;
        for (int label : probeLabels) {
            known += Arrays.binarySearch(galleryClasses, label) >= 0 ? 1 : 0;
        }
        double[] kd = new double[known];
        boolean[] kc = new boolean[known];
        double[] ud = new double[probeLabels.length - known];
        int ki = 0;
        int ui = 0;
        for (int q = 0; q < probeLabels.length; q++) {
            if (Arrays.binarySearch(galleryClasses, probeLabels[q]) >= 0) {
                kd[ki] = nearest.distance(q, 0);
                kc[ki++] = galleryLabels[nearest.row(q, 0)] == probeLabels[q];
            } else {
                ud[ui++] = nearest.distance(q, 0);
            }
        }
        return OpenSetIdentification.of(kd, kc, ud);
    }

    /**
     * One labelled set: rows of {@code unknownClasses} are the unknown probes, every other row is in the gallery
     * and probes the gallery without itself.
     */
    public static OpenSetIdentification holdOut(EmbeddingRows rows, int[] labels, Set<Integer> unknownClasses) {
        requireLabels(rows, labels, "rows");
        int[] galleryIdx = IntStream.range(0, labels.length).filter(i -> !unknownClasses.contains(labels[i])).toArray();
        int[] unknownIdx = IntStream.range(0, labels.length).filter(i -> unknownClasses.contains(labels[i])).toArray();
        if (galleryIdx.length < 2) {
            throw new IllegalArgumentException("holding out the unknown classes leaves " + galleryIdx.length
                    + " gallery rows; a leave-one-out gallery needs at least 2; hold out fewer classes");
        }
        double[][] all = rows.toRows();
        EmbeddingRows gallery = subset(all, galleryIdx, rows.dim(), "gallery rows");
        ReferenceTiles tiles = new ReferenceTiles(gallery);
        // two nearest: a probe's own row is one of them (at distance 0), the other is its nearest other row
        Neighbours two = ExactNeighbours.search(gallery, tiles, 2);
        double[] kd = new double[galleryIdx.length];
        boolean[] kc = new boolean[galleryIdx.length];
        for (int q = 0; q < galleryIdx.length; q++) {
            int pick = two.row(q, 0) == q ? 1 : 0;
            kd[q] = two.distance(q, pick);
            kc[q] = labels[galleryIdx[two.row(q, pick)]] == labels[galleryIdx[q]];
        }
        double[] ud = new double[unknownIdx.length];
        if (unknownIdx.length > 0) {
            Neighbours nearest = ExactNeighbours.search(subset(all, unknownIdx, rows.dim(), "unknown-class rows"), tiles, 1);
            for (int q = 0; q < unknownIdx.length; q++) {
                ud[q] = nearest.distance(q, 0);
            }
        }
        return OpenSetIdentification.of(kd, kc, ud);
    }

    private static EmbeddingRows subset(double[][] all, int[] idx, int dim, String what) {
        double[] flat = new double[idx.length * dim];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(all[idx[i]], 0, flat, i * dim, dim);
        }
        return EmbeddingRows.of(flat, idx.length, dim, what);
    }

    private static void requireLabels(EmbeddingRows rows, int[] labels, String what) {
        if (labels.length != rows.rows()) {
            throw new IllegalArgumentException(what + ": " + rows.rows() + " rows but " + labels.length + " labels; expected one label per row");
        }
    }
}
