package org.metriclab.core.stochastic;

import java.io.Serializable;
import org.metriclab.core.data.RowSource;

/**
 * Makes the oracle of one objective over given rows: locally over the whole data set, on a Spark
 * partition over a view of its own rows plus the batch's reference rows. Serialisable, so a
 * distributed engine ships it once to every worker. Each learner module implements it for its own
 * objectives (the soft-neighbour losses of NCA and MLKR, the LMNN loss).
 */
@FunctionalInterface
public interface BatchEvaluator extends Serializable {
    GradientOracle on(RowSource rows);
}
