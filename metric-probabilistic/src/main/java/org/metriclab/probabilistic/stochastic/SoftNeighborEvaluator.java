package org.metriclab.probabilistic.stochastic;

import org.metriclab.core.data.RowSource;
import org.metriclab.core.stochastic.BatchEvaluator;
import org.metriclab.core.stochastic.GradientOracle;

/** The {@link BatchEvaluator} of the soft-neighbour objectives (NCA, MLKR): {@link LocalGradients}. */
public record SoftNeighborEvaluator(SoftNeighborLoss loss) implements BatchEvaluator {
    @Override
    public GradientOracle on(RowSource rows) {
        return new LocalGradients(rows, loss);
    }
}
