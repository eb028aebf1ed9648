package org.metriclab.deep.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma & Ba; PyTorch's form, β1 0.9, β2 0.999, ε 1e-8, bias-corrected) or SGD with momentum 0.9
 * (PyTorch's form v = μv + g; p −= lr·v), applied to named float arrays; weight decay adds wd·p to the
 * gradient. Mutable (one per training run); its state goes into checkpoints.
 */
final class Updater {
    private final Optimizer optimizer;
    private final double weightDecay;
    private final Map<String, float[]> m = new LinkedHashMap<>();
    private final Map<String, float[]> v = new LinkedHashMap<>();
    private long step;

    Updater(Optimizer optimizer, double weightDecay) {
        this.optimizer = optimizer;
        this.weightDecay = weightDecay;
    }

    void apply(String name, float[] param, float[] grad, double lr) {
        float[] mm = m.computeIfAbsent(name, k -> new float[param.length]);
        if (optimizer == Optimizer.ADAM) {
            float[] vv = v.computeIfAbsent(name, k -> new float[param.length]);
            long t = step + 1;
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            double a = lr / c1;
            double sc2 = Math.sqrt(c2);
            for (int i = 0; i < param.length; i++) {
                double g = grad[i] + weightDecay * param[i];
                mm[i] = (float) (0.9 * mm[i] + 0.1 * g);
                vv[i] = (float) (0.999 * vv[i] + 0.001 * g * g);
                param[i] -= (float) (a * mm[i] / (Math.sqrt(vv[i]) / sc2 + 1e-8));
            }
        } else {
            for (int i = 0; i < param.length; i++) {
                double g = grad[i] + weightDecay * param[i];
                mm[i] = (float) (0.9 * mm[i] + g);
                param[i] -= (float) (lr * mm[i]);
            }
        }
    }

    /** Float arrays of state this optimizer keeps per parameter array (moments). */
    static int stateSlots(Optimizer optimizer) {
        return switch (optimizer) {
            case ADAM -> 2;
            case SGD -> 1;
        };
    }

    /** Marks the end of one optimisation step (all parameters updated). */
    void finishStep() {
        step++;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(step);
        Checkpoint.writeArrays(out, m);
        Checkpoint.writeArrays(out, v);
    }

    void read(DataInputStream in) throws IOException {
        step = in.readLong();
        m.clear();
        v.clear();
        m.putAll(Checkpoint.readArrays(in));
        v.putAll(Checkpoint.readArrays(in));
    }
}
