package org.metriclab.deep.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.constraint.BatchSampler;
import org.metriclab.core.constraint.MPerClassBatches;
import org.metriclab.core.constraint.ShuffledBatches;
import org.metriclab.core.learn.Params;

/**
 * Training-loop settings. Defaults: epochs 5, batch_size 256, sampler m_per_class with m 32 (PML's
 * MPerClassSampler; classes with fewer than m samples drawn with replacement; epoch_length 0 = ⌊n /
 * batch_size⌋ batches per epoch, or PML's length_before_new_iter, e.g. its default 100000) or shuffle; optimizer adam
 * (β 0.9/0.999, ε 1e-8) or sgd (momentum 0.9); lr 1e-3; weight_lr 1e-2 (own optimizer of the same type for
 * proxies/class weights); weight_decay 0 (L2 added to the gradient); lr_schedule constant | step (×gamma
 * every step_epochs) | exponential (×gamma per epoch) | cosine (to 0 over the run), gamma 0.1,
 * step_epochs 10; warmup_epochs 0 (linear LR warm-up over the first epochs); miner_warmup_epochs 0 (the
 * miner is switched off, i.e. the loss sees all pairs/triplets, for the first epochs: a curriculum
 * that keeps batch-hard mining from collapsing the embedding at initialisation); early stopping on
 * validation MAP@R when patience > 0 (validation_fraction 0.1 of the training rows held out,
 * stratified), best epoch restored; track_validation false (true: hold out the same validation rows and
 * record validation MAP@R after every epoch without early stopping, the last epoch kept — a learning
 * curve for runs that train a fixed number of epochs); checkpoint path ("" = none) written after every epoch, resume
 * true continues from it.
 */
public record TrainSpec(int epochs, int batchSize, String sampler, int m, String optimizer, double lr, double weightLr,
        double weightDecay, String lrSchedule, double gamma, int stepEpochs, int warmupEpochs, int minerWarmupEpochs, int patience,
        double validationFraction, String checkpoint, boolean resume, boolean trackValidation, int epochLength) {
    public TrainSpec {
        if (epochs < 1 || batchSize < 2) {
            throw new IllegalArgumentException("epochs must be >= 1 and batch_size >= 2, got " + epochs + ", " + batchSize);
        }
        if (!sampler.equals("m_per_class") && !sampler.equals("shuffle")) {
            throw new IllegalArgumentException("sampler must be 'm_per_class' or 'shuffle', got '" + sampler + "'");
        }
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw new IllegalArgumentException("optimizer must be 'adam' or 'sgd', got '" + optimizer + "'");
        }
        if (!java.util.List.of("constant", "step", "exponential", "cosine").contains(lrSchedule)) {
            throw new IllegalArgumentException("lr_schedule must be constant, step, exponential or cosine, got '" + lrSchedule + "'");
        }
        if (!(lr > 0) || !(weightLr >= 0) || weightDecay < 0 || stepEpochs < 1 || warmupEpochs < 0 || minerWarmupEpochs < 0 || patience < 0) {
            throw new IllegalArgumentException("need lr > 0, weight_lr >= 0, weight_decay >= 0, step_epochs >= 1, warmup_epochs >= 0, miner_warmup_epochs >= 0, patience >= 0");
        }
        if (epochLength != 0 && !sampler.equals("m_per_class")) {
            throw new IllegalArgumentException("epoch_length applies to sampler m_per_class (shuffle makes one pass over the data); got "
                    + epochLength + " with sampler " + sampler);
        }
        if (epochLength < 0 || (epochLength > 0 && epochLength < batchSize)) {
            throw new IllegalArgumentException("epoch_length must be 0 (one pass over the data) or at least batch_size " + batchSize
                    + ", got " + epochLength);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation_fraction must lie in (0, 1), got " + validationFraction);
        }
    }

    public static TrainSpec from(Params p) {
        return from(p, "m_per_class");
    }

    /** Binds the training keys with the given default sampler. */
    public static TrainSpec from(Params p, String defaultSampler) {
        return new TrainSpec(p.getInt("epochs", 5), p.getInt("batch_size", 256), p.getString("sampler", defaultSampler),
                p.getInt("m", 32), p.getString("optimizer", "adam"), p.getDouble("lr", 1e-3), p.getDouble("weight_lr", 1e-2),
                p.getDouble("weight_decay", 0), p.getString("lr_schedule", "constant"), p.getDouble("gamma", 0.1),
                p.getInt("step_epochs", 10), p.getInt("warmup_epochs", 0), p.getInt("miner_warmup_epochs", 0), p.getInt("patience", 0),
                p.getDouble("validation_fraction", 0.1), p.getString("checkpoint", ""), p.getBoolean("resume", false),
                p.getBoolean("track_validation", false), p.getInt("epoch_length", 0));
    }

    /** Whether a validation part is held out and scored after every epoch. */
    public boolean validates() {
        return patience > 0 || trackValidation;
    }

    public BatchSampler batchSampler() {
        return sampler.equals("shuffle") ? new ShuffledBatches(batchSize, false) : new MPerClassBatches(m, batchSize, epochLength);
    }

    /** Learning-rate multiplier for an iteration (0-based) of a run with {@code perEpoch} iterations per epoch. */
    public double lrFactor(long iteration, int perEpoch) {
        double epoch = (double) iteration / perEpoch;
        double f = switch (lrSchedule) {
            case "step" -> Math.pow(gamma, Math.floor(epoch / stepEpochs));
            case "exponential" -> Math.pow(gamma, Math.floor(epoch));
            case "cosine" -> 0.5 * (1 + Math.cos(Math.PI * iteration / ((double) epochs * perEpoch)));
            default -> 1.0;
        };
        if (warmupEpochs > 0 && epoch < warmupEpochs) {
            f *= (iteration + 1.0) / ((double) warmupEpochs * perEpoch);
        }
        return f;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m2 = new LinkedHashMap<>();
        m2.put("epochs", epochs);
        m2.put("batch_size", batchSize);
        m2.put("sampler", sampler);
        m2.put("m", m);
        m2.put("optimizer", optimizer);
        m2.put("lr", lr);
        m2.put("weight_lr", weightLr);
        return m2;
    }
}
