package org.metriclab.spectral.stochastic;

import org.metriclab.core.data.RowSource;
import org.metriclab.core.stochastic.BatchEvaluator;
import org.metriclab.core.stochastic.GradientOracle;

/** The {@link BatchEvaluator} of an {@link LmnnLoss}: {@link LmnnGradients}. */
public record LmnnEvaluator(LmnnLoss loss) implements BatchEvaluator {
    @Override
    public GradientOracle on(RowSource rows) {
        return new LmnnGradients(rows, loss);
    }
}
