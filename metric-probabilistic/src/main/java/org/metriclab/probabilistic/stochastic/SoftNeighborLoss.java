package org.metriclab.probabilistic.stochastic;

import java.io.Serializable;

/**
 * The per-row part of a soft-neighbour objective, in the form the stochastic solvers evaluate over a
 * restricted reference set R_i: with p_ij = softmax_{j ∈ R_i, j ≠ i}(−‖L x_i − L x_j‖²) and the row
 * statistic s_i = Σ_j p_ij t_ij, row i contributes f_i(s_i), and ∂f_i/∂D_ij = f_i'(s_i) p_ij (s_i − t_ij).
 * Indices are rows of the whole data set, so one instance serves every batch (and every Spark
 * partition: it is serialisable).
 */
public sealed interface SoftNeighborLoss extends Serializable permits SoftNeighborLoss.Nca, SoftNeighborLoss.Mlkr {
    /** t_ij: the value row i's softmax averages at neighbour j. */
    double target(int i, int j);

    /** f_i(s). */
    double rowValue(int i, double s);

    /** f_i'(s). */
    double rowScale(int i, double s);

    /** λ of the penalty λ‖L‖²_F added once to Σ_i f_i (0 for none). */
    double penalty();

    /**
     * NCA: t_ij = 1[y_j = y_i], so s_i = p_i (the probability that row i's stochastic neighbour shares
     * its class) and f_i = 1 − p_i, the leave-one-out error of the stochastic 1-NN rule. Summed over i it
     * differs from NCA's −Σ p_i by the constant n, so the gradients agree.
     */
    record Nca(int[] classes, double penalty) implements SoftNeighborLoss {
        public Nca {
            classes = classes.clone();
            if (!(penalty >= 0)) {
                throw new IllegalArgumentException("regularization must be >= 0, got " + penalty);
            }
        }

        @Override
        public double target(int i, int j) {
            return classes[i] == classes[j] ? 1.0 : 0.0;
        }

        @Override
        public double rowValue(int i, double s) {
            return 1.0 - s;
        }

        @Override
        public double rowScale(int i, double s) {
            return -1.0;
        }
    }

    /** MLKR: t_ij = y_j, s_i = ŷ_i (leave-one-out kernel regression) and f_i = (ŷ_i − y_i)². */
    record Mlkr(double[] y) implements SoftNeighborLoss {
        public Mlkr {
            y = y.clone();
        }

        @Override
        public double target(int i, int j) {
            return y[j];
        }

        @Override
        public double rowValue(int i, double s) {
            double r = s - y[i];
            return r * r;
        }

        @Override
        public double rowScale(int i, double s) {
            return 2 * (s - y[i]);
        }

        @Override
        public double penalty() {
            return 0;
        }
    }
}
