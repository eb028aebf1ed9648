package org.metriclab.deep.train;

import java.nio.file.Path;
import java.util.Optional;
import org.metriclab.core.constraint.BatchSampler;
import org.metriclab.core.learn.Params;

/**
 * Training-loop settings, grouped by what they control. Config keys and defaults: epochs 5;
 * {@link Batching} batch_size 256, sampler m_per_class, m 32, epoch_length 0; {@link Optimization}
 * optimizer adam, lr 1e-3, weight_lr 1e-2, weight_decay 0; {@link Schedule} lr_schedule constant, gamma
 * 0.1, step_epochs 10, warmup_epochs 0; miner_warmup_epochs 0 (the miner is switched off, i.e. the loss
 * sees all pairs/triplets, for the first epochs: a curriculum that keeps batch-hard mining from
 * collapsing the embedding at initialisation); {@link Validation} patience 0, validation_fraction 0.1,
 * track_validation false; {@link Checkpointing} checkpoint "" (none), resume false.
 */
public record TrainSpec(int epochs, Batching batching, Optimization optimization, Schedule schedule, int minerWarmupEpochs,
        Validation validation, Checkpointing checkpointing) {
    public TrainSpec {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (minerWarmupEpochs < 0) {
            throw new IllegalArgumentException("miner_warmup_epochs must be >= 0, got " + minerWarmupEpochs);
        }
    }

    /**
     * How batches are drawn. m_per_class: m samples of each of batch_size / m classes (PML's
     * MPerClassSampler); epoch_length 0 gives ⌊n / batch_size⌋ batches per epoch, a positive value that
     * many samples per epoch (PML's length_before_new_iter, e.g. its default 100000). shuffle: one pass
     * over the shuffled rows.
     */
    public record Batching(int batchSize, Sampler sampler, int m, int epochLength) {
        public Batching {
            if (batchSize < 2) {
                throw new IllegalArgumentException("batch_size must be >= 2, got " + batchSize);
            }
            if (epochLength != 0 && sampler != Sampler.M_PER_CLASS) {
                throw new IllegalArgumentException("epoch_length applies to sampler m_per_class (shuffle makes one pass over the data); got "
                        + epochLength + " with sampler " + sampler.configName());
            }
            if (epochLength < 0 || (epochLength > 0 && epochLength < batchSize)) {
                throw new IllegalArgumentException("epoch_length must be 0 (one pass over the data) or at least batch_size " + batchSize
                        + ", got " + epochLength);
            }
        }

        /** The sampler that draws one epoch's batches. */
        public BatchSampler batchSampler() {
            return sampler.batches(batchSize, m, epochLength);
        }
    }

    /**
     * The optimizer of the network ({@code lr}) and, with its own learning rate {@code weight_lr}, of a
     * loss's proxies or class weights; weight_decay adds wd·p to the network's gradient (L2).
     */
    public record Optimization(Optimizer optimizer, double lr, double weightLr, double weightDecay) {
        public Optimization {
            if (!(lr > 0) || !Double.isFinite(lr) || !(weightLr >= 0) || !Double.isFinite(weightLr) || !(weightDecay >= 0)
                    || !Double.isFinite(weightDecay)) {
                throw new IllegalArgumentException("need finite lr > 0, weight_lr >= 0 and weight_decay >= 0, got " + lr + ", " + weightLr
                        + ", " + weightDecay);
            }
        }
    }

    /**
     * The learning-rate schedule ({@link LrSchedule}; gamma and step_epochs parameterise step and
     * exponential) and a linear warm-up over the first warmup_epochs.
     */
    public record Schedule(LrSchedule kind, double gamma, int stepEpochs, int warmupEpochs) {
        public Schedule {
            if (stepEpochs < 1 || warmupEpochs < 0) {
                throw new IllegalArgumentException("need step_epochs >= 1 and warmup_epochs >= 0, got " + stepEpochs + ", " + warmupEpochs);
            }
        }

        /** Learning-rate multiplier for an iteration (0-based) of a run of {@code epochs} with {@code perEpoch} iterations each. */
        public double factor(long iteration, int perEpoch, int epochs) {
            double f = kind.factor(iteration, perEpoch, epochs, gamma, stepEpochs);
            double epoch = (double) iteration / perEpoch;
            if (warmupEpochs > 0 && epoch < warmupEpochs) {
                f *= (iteration + 1.0) / ((double) warmupEpochs * perEpoch);
            }
            return f;
        }
    }

    /**
     * Validation on held-out training rows (validation_fraction of each class, stratified): early
     * stopping on validation MAP@R when patience &gt; 0 (the best epoch restored), or, with
     * track_validation, a per-epoch learning curve with the last epoch kept.
     */
    public record Validation(int patience, double fraction, boolean track) {
        public Validation {
            if (patience < 0) {
                throw new IllegalArgumentException("patience must be >= 0, got " + patience);
            }
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("validation_fraction must lie in (0, 1), got " + fraction);
            }
        }

        /** Whether a validation part is held out and scored after every epoch. */
        public boolean enabled() {
            return patience > 0 || track;
        }
    }

    /** The checkpoint written after every epoch ("" = none); resume continues from it when it exists. */
    public record Checkpointing(String path, boolean resume) {
        public Checkpointing {
            if (path == null) {
                throw new IllegalArgumentException("checkpoint must be a path or empty");
            }
        }

        /** The checkpoint file, if one is configured. */
        public Optional<Path> file() {
            return path.isEmpty() ? Optional.empty() : Optional.of(Path.of(path));
        }
    }

    public static TrainSpec from(Params p) {
        return from(p, Sampler.M_PER_CLASS);
    }

    /** Binds the training keys with the given default sampler; names of enum-valued keys are parsed here, once. */
    public static TrainSpec from(Params p, Sampler defaultSampler) {
        int epochs = p.getInt("epochs", 5);
        Batching batching = new Batching(p.getInt("batch_size", 256), p.getEnum("sampler", defaultSampler), p.getInt("m", 32),
                p.getInt("epoch_length", 0));
        Optimization optimization = new Optimization(p.getEnum("optimizer", Optimizer.ADAM), p.getDouble("lr", 1e-3),
                p.getDouble("weight_lr", 1e-2), p.getDouble("weight_decay", 0));
        Schedule schedule = new Schedule(p.getEnum("lr_schedule", LrSchedule.CONSTANT), p.getDouble("gamma", 0.1),
                p.getInt("step_epochs", 10), p.getInt("warmup_epochs", 0));
        int minerWarmup = p.getInt("miner_warmup_epochs", 0);
        Validation validation = new Validation(p.getInt("patience", 0), p.getDouble("validation_fraction", 0.1),
                p.getBoolean("track_validation", false));
        Checkpointing checkpointing = new Checkpointing(p.getString("checkpoint", ""), p.getBoolean("resume", false));
        return new TrainSpec(epochs, batching, optimization, schedule, minerWarmup, validation, checkpointing);
    }

    /** Learning-rate multiplier for an iteration (0-based) with {@code perEpoch} iterations per epoch. */
    public double lrFactor(long iteration, int perEpoch) {
        return schedule.factor(iteration, perEpoch, epochs);
    }
}
