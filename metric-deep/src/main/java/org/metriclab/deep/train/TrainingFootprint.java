package org.metriclab.deep.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.metriclab.core.resource.InsufficientMemoryException;
import org.metriclab.core.resource.MemoryBudget;
import org.metriclab.deep.NetKind;
import org.metriclab.deep.NetSpec;
import org.metriclab.deep.dl4j.DeepNet;

/**
 * The memory a training run will need, estimated from the network's shapes, the data and the batch
 * size before anything is allocated, so that an oversized network ends in one line instead of an
 * array-size error or an out-of-memory error part-way through. All sizes are counted in saturating
 * long arithmetic: a product that overflows compares as too large rather than wrapping to a small or
 * negative number.
 *
 * <p>The estimate counts, per parameter value (float32), the trainer's copy, the network's native
 * copy, the gradient (native and heap), the optimizer's moments (two for Adam, one for SGD), the
 * early-stopping snapshot when patience &gt; 0 and the returned model's copy; the data as float64 and
 * float32; for one batch, every dense layer's input and output with their gradients and the
 * element-wise intermediates (pre-activation, activation, normalised values, dropout mask), every
 * convolution's feature maps and 3×3 neighbourhood (im2col) matrices, and the loss's batch × batch
 * pair matrices.
 *
 * @param parameters    trainable values and batch-norm buffers of the network
 * @param largestTensor name and shape of the largest single tensor, e.g. {@code dense0_W (4 x 1000)}
 * @param largestSize   values in that tensor
 * @param bytes         the estimated bytes of the whole run
 */
public record TrainingFootprint(long parameters, String largestTensor, long largestSize, long bytes) {
    /** The most values one Java array holds. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final long FLOAT = Float.BYTES;
    private static final long DOUBLE = Double.BYTES;
    /** Copies of the parameters besides the optimizer's moments (see the class comment). */
    private static final int PARAMETER_COPIES = 5;
    /** Float arrays per dense-layer input (native input, input gradient, heap copy) in one batch. */
    private static final int PER_INPUT_VALUE = 3;
    /** Float arrays per dense-layer output (native output and gradient, heap pre-activation, activation, normalised values, mask, copies). */
    private static final int PER_OUTPUT_VALUE = 8;
    /** Float arrays per convolution neighbourhood value (im2col matrix, its gradient, the scattered input gradient). */
    private static final int PER_NEIGHBOURHOOD_VALUE = 3;
    /** Double matrices of batch × batch the loss and miner keep (distances, similarities, masks, gradient). */
    private static final int PAIR_MATRICES = 4;

    /** The footprint of training {@code spec} on {@code rows} × {@code inputDim} data with {@code classes} classes. */
    public static TrainingFootprint of(NetSpec spec, TrainSpec train, int rows, int inputDim, int classes, boolean autoencoder) {
        LinkedHashMap<String, long[]> shapes = DeepNet.shapes(spec, inputDim, autoencoder);
        long params = 0;
        String largest = "";
        long largestSize = -1;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long size = 1;
            for (long d : e.getValue()) {
                size = MemoryBudget.bytes(size, d);
            }
            params = add(params, size);
            if (size > largestSize) {
                largest = e.getKey() + " (" + Arrays.stream(e.getValue()).mapToObj(Long::toString).collect(Collectors.joining(" x ")) + ")";
                largestSize = size;
            }
        }
        int batch = train.batching().batchSize();
        int copies = PARAMETER_COPIES + Updater.stateSlots(train.optimization().optimizer()) + (train.validation().patience() > 0 ? 1 : 0);
        long bytes = MemoryBudget.bytes(params, copies, FLOAT);
        long classWeights = MemoryBudget.bytes(classes, spec.embeddingSize(), FLOAT);
        bytes = add(bytes, MemoryBudget.bytes(classWeights, 2L + Updater.stateSlots(train.optimization().optimizer())));
        bytes = add(bytes, MemoryBudget.bytes(rows, inputDim, DOUBLE + FLOAT));
        bytes = add(bytes, MemoryBudget.bytes(batch, activations(spec, shapes, inputDim), FLOAT));
        bytes = add(bytes, MemoryBudget.bytes(MemoryBudget.bytes(batch, batch, DOUBLE), PAIR_MATRICES));
        return new TrainingFootprint(params, largest, largestSize, bytes);
    }

    /** Float values one batch row keeps across the forward and backward pass. */
    private static long activations(NetSpec spec, Map<String, long[]> shapes, int inputDim) {
        long perRow = MemoryBudget.bytes(inputDim, PER_INPUT_VALUE);
        if (spec.net() == NetKind.CNN) {
            long side = spec.imageSide(inputDim);
            long cin = 1;
            for (int c : spec.convChannels()) {
                perRow = add(perRow, MemoryBudget.bytes(MemoryBudget.bytes(c, side), side, PER_OUTPUT_VALUE));
                perRow = add(perRow, MemoryBudget.bytes(MemoryBudget.bytes(9 * cin, side), side, PER_NEIGHBOURHOOD_VALUE));
                cin = c;
                side /= 2;
            }
        }
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long[] s = e.getValue();
            if (e.getKey().endsWith("_W") && s.length == 2) {
                perRow = add(perRow, add(MemoryBudget.bytes(s[0], PER_INPUT_VALUE), MemoryBudget.bytes(s[1], PER_OUTPUT_VALUE)));
            }
        }
        return perRow;
    }

    private static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    /**
     * Refuses the run before allocation: a tensor larger than one array holds is an
     * {@link IllegalArgumentException} naming it; a run whose estimate exceeds the heap is an
     * {@link InsufficientMemoryException} with the need, the limit and the way out.
     *
     * @param what the run, e.g. {@code deep_metric training of mlp 4 → 1000 → 64 on 150 rows}
     */
    public void require(String what) {
        if (largestSize > MAX_ARRAY) {
            throw new IllegalArgumentException(what + ": network tensor " + largestTensor + " would hold " + largestSize
                    + " values, more than one array holds (" + MAX_ARRAY + "); use smaller hidden, conv_channels or embedding_size");
        }
        MemoryBudget.require(bytes, what, "use smaller hidden sizes, embedding_size or batch_size");
    }
}
