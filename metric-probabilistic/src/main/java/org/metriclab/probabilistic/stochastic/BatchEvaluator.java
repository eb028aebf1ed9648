package org.metriclab.probabilistic.stochastic;

import java.io.Serializable;
import org.metriclab.core.data.RowSource;

/**
 * Makes the oracle of one objective over given rows: locally over the whole data set, on a Spark
 * partition over a view of its own rows plus the batch's reference rows. Serialisable, so a
 * distributed engine ships it once to every worker.
 */
@FunctionalInterface
public interface BatchEvaluator extends Serializable {
    GradientOracle on(RowSource rows);

    /** The soft-neighbour objectives (NCA, MLKR): {@link LocalGradients}. */
    static BatchEvaluator softNeighbor(SoftNeighborLoss loss) {
        return new SoftNeighborEvaluator(loss);
    }

    /** LMNN: {@link LmnnGradients}. */
    static BatchEvaluator lmnn(LmnnLoss loss) {
        return new LmnnEvaluator(loss);
    }
}

/** {@link BatchEvaluator} of an {@link LmnnLoss}. */
record LmnnEvaluator(LmnnLoss loss) implements BatchEvaluator {
    @Override
    public GradientOracle on(RowSource rows) {
        return new LmnnGradients(rows, loss);
    }
}

/** {@link BatchEvaluator} of a {@link SoftNeighborLoss}. */
record SoftNeighborEvaluator(SoftNeighborLoss loss) implements BatchEvaluator {
    @Override
    public GradientOracle on(RowSource rows) {
        return new LocalGradients(rows, loss);
    }
}
