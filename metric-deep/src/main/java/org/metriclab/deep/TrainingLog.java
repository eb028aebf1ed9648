package org.metriclab.deep;

import java.util.List;

/**
 * What a training run recorded: mean loss per epoch, validation MAP@R per epoch (empty without early
 * stopping), the epoch whose weights were kept (1-based), optimisation steps, and training throughput
 * in samples per second (forward, loss, backward and update; validation excluded).
 */
public record TrainingLog(List<Double> epochLoss, List<Double> validationMapAtR, int keptEpoch, long iterations, double samplesPerSecond) {
    public TrainingLog {
        epochLoss = List.copyOf(epochLoss);
        validationMapAtR = List.copyOf(validationMapAtR);
    }

    public static TrainingLog empty() {
        return new TrainingLog(List.of(), List.of(), 0, 0, 0);
    }
}
