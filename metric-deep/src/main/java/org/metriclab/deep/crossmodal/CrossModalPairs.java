package org.metriclab.deep.crossmodal;

import org.metriclab.deep.loss.Tuples;

/**
 * The index tuples of a cross-modal batch: n samples seen in both modalities, stacked as 2n embedding rows
 * (rows 0..n−1 from modality A, rows n..2n−1 from modality B, row n+i the same sample as row i). Every
 * tuple crosses the modalities in both directions: pairs (A row, B row) and (B row, A row), triplets with
 * an anchor from one modality and its positive and negative from the other. A sample's own other view is
 * one of its positives. Passing these as the mined tuples makes a pair or triplet loss cross-modal.
 */
public record CrossModalPairs(int[] labels) {
    public CrossModalPairs {
        labels = labels.clone();
    }

    /** Labels of the 2n stacked rows. */
    public int[] stackedLabels() {
        int n = labels.length;
        int[] y = new int[2 * n];
        System.arraycopy(labels, 0, y, 0, n);
        System.arraycopy(labels, 0, y, n, n);
        return y;
    }

    /** Positive and negative pairs (anchor, other) with anchor and other in different modalities. */
    public Tuples.Pairs pairs() {
        int n = labels.length;
        int pos = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                pos += labels[i] == labels[j] ? 1 : 0;
            }
        }
        int neg = n * n - pos;
        int[] a1 = new int[2 * pos];
        int[] p = new int[2 * pos];
        int[] a2 = new int[2 * neg];
        int[] ng = new int[2 * neg];
        int kp = 0;
        int kn = 0;
        for (int dir = 0; dir < 2; dir++) {
            int from = dir * n;
            int to = n - from;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (labels[i] == labels[j]) {
                        a1[kp] = from + i;
                        p[kp++] = to + j;
                    } else {
                        a2[kn] = from + i;
                        ng[kn++] = to + j;
                    }
                }
            }
        }
        return new Tuples.Pairs(a1, p, a2, ng);
    }

    /** Triplets (anchor, positive, negative), the anchor in one modality, positive and negative in the other. */
    public Tuples.Triplets triplets() {
        int n = labels.length;
        long count = 0;
        for (int i = 0; i < n; i++) {
            int same = 0;
            for (int j = 0; j < n; j++) {
                same += labels[i] == labels[j] ? 1 : 0;
            }
            count += 2L * same * (n - same);
        }
        if (count > 50_000_000L) {
            throw new IllegalArgumentException("a cross-modal batch of " + n + " samples has " + count
                    + " triplets, more than 50,000,000; use a smaller batch_size or loss contrastive");
        }
        int[] a = new int[(int) count];
        int[] p = new int[(int) count];
        int[] ng = new int[(int) count];
        int k = 0;
        for (int dir = 0; dir < 2; dir++) {
            int from = dir * n;
            int to = n - from;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (labels[j] != labels[i]) {
                        continue;
                    }
                    for (int l = 0; l < n; l++) {
                        if (labels[l] != labels[i]) {
                            a[k] = from + i;
                            p[k] = to + j;
                            ng[k++] = to + l;
                        }
                    }
                }
            }
        }
        return new Tuples.Triplets(a, p, ng);
    }
}
