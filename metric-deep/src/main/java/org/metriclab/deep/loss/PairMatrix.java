package org.metriclab.deep.loss;

/**
 * The matrix of distances or similarities between the rows of two embedding blocks (or one block with
 * itself), with a gradient buffer and the backward pass into the blocks. Mirrors PML's distances:
 * {@link Kind#EUCLIDEAN} = {@code LpDistance()} ({@code torch.cdist}, gradient 0 where the distance
 * is 0), {@link Kind#SQUARED_EUCLIDEAN} = {@code LpDistance(power=2)}, {@link Kind#DOT} =
 * {@code DotProductSimilarity}/{@code CosineSimilarity} (cosine when the blocks are normalised).
 */
final class PairMatrix {
    enum Kind {
        EUCLIDEAN, SQUARED_EUCLIDEAN, DOT;

        boolean inverted() {
            return this == DOT;
        }
    }

    final Kind kind;
    final Embeddings q;
    final Embeddings r;
    final int rows;
    final int cols;
    final double[] m;
    final double[] grad;

    PairMatrix(Kind kind, Embeddings q, Embeddings r) {
        if (q.d != r.d) {
            throw new IllegalArgumentException("embedding sizes differ: " + q.d + " vs " + r.d);
        }
        this.kind = kind;
        this.q = q;
        this.r = r;
        this.rows = q.n;
        this.cols = r.n;
        this.m = new double[rows * cols];
        this.grad = new double[rows * cols];
        int d = q.d;
        double[] a = q.values;
        double[] b = r.values;
        // b transposed (d × cols) so that each row of the matrix accumulates over k in unit-stride loops
        // the JIT vectorises; per entry the sum still runs over k in ascending order, as a plain dot would
        double[] bt = new double[d * cols];
        for (int j = 0; j < cols; j++) {
            for (int k = 0; k < d; k++) {
                bt[k * cols + j] = b[j * d + k];
            }
        }
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int k = 0; k < d; k++) {
                double aik = a[i * d + k];
                int col = k * cols;
                if (kind == Kind.DOT) {
                    for (int j = 0; j < cols; j++) {
                        m[row + j] += aik * bt[col + j];
                    }
                } else {
                    for (int j = 0; j < cols; j++) {
                        double t = aik - bt[col + j];
                        m[row + j] += t * t;
                    }
                }
            }
            if (kind == Kind.EUCLIDEAN) {
                for (int j = 0; j < cols; j++) {
                    m[row + j] = Math.sqrt(m[row + j]);
                }
            }
        }
    }

    static PairMatrix self(Kind kind, Embeddings e) {
        return new PairMatrix(kind, e, e);
    }

    double get(int i, int j) {
        return m[i * cols + j];
    }

    void addGrad(int i, int j, double g) {
        grad[i * cols + j] += g;
    }

    /** Adds dL/d(values) of both blocks (the same block when this is a self matrix). */
    void backward() {
        int d = q.d;
        double[] a = q.values;
        double[] b = r.values;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double g = grad[i * cols + j];
                if (g == 0) {
                    continue;
                }
                if (kind == Kind.DOT) {
                    for (int k = 0; k < d; k++) {
                        q.grad[i * d + k] += g * b[j * d + k];
                        r.grad[j * d + k] += g * a[i * d + k];
                    }
                } else {
                    double f;
                    if (kind == Kind.SQUARED_EUCLIDEAN) {
                        f = 2 * g;
                    } else {
                        double dist = m[i * cols + j];
                        if (dist == 0) {
                            continue;
                        }
                        f = g / dist;
                    }
                    for (int k = 0; k < d; k++) {
                        double t = f * (a[i * d + k] - b[j * d + k]);
                        q.grad[i * d + k] += t;
                        r.grad[j * d + k] -= t;
                    }
                }
            }
        }
    }
}
