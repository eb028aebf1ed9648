package org.metriclab.core.data;

import java.util.Optional;

/** A dataset together with the split shipped with it, when it has one. */
public record LabeledData(Dataset dataset, Optional<Split> split) {
}
