package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.metriclab.core.learn.Params;

/** The registered losses and miners by name (PML class names in snake case), with parameter binding. */
public final class Losses {
    private static final Map<String, Function<Params, MetricLoss>> LOSSES = new LinkedHashMap<>();
    private static final Map<String, Function<Params, Miner>> MINERS = new LinkedHashMap<>();

    static {
        LOSSES.put("contrastive", ContrastiveLoss::from);
        LOSSES.put("triplet_margin", TripletMarginLoss::from);
        LOSSES.put("multi_similarity", MultiSimilarityLoss::from);
        LOSSES.put("ntxent", NTXentLoss::from);
        LOSSES.put("supcon", SupConLoss::from);
        LOSSES.put("proxy_anchor", ProxyAnchorLoss::from);
        LOSSES.put("proxy_nca", ProxyNcaLoss::from);
        LOSSES.put("arcface", AngularMarginLoss::arcFace);
        LOSSES.put("cosface", AngularMarginLoss::cosFace);
        LOSSES.put("lifted_structure", LiftedStructureLoss::from);
        LOSSES.put("npairs", NPairsLoss::from);
        LOSSES.put("circle", CircleLoss::from);
        LOSSES.put("softmax", SoftmaxLoss::from);
        LOSSES.put("fisher", FisherLoss::from);
        MINERS.put("batch_hard", BatchHardMiner::from);
        MINERS.put("triplet_margin", TripletMarginMiner::from);
        MINERS.put("batch_all", p -> new BatchAllMiner());
        MINERS.put("multi_similarity", MultiSimilarityMiner::from);
        MINERS.put("pair_margin", PairMarginMiner::from);
        MINERS.put("distance_weighted", DistanceWeightedMiner::from);
    }

    private Losses() {
    }

    public static Set<String> lossNames() {
        return LOSSES.keySet();
    }

    public static Set<String> minerNames() {
        return MINERS.keySet();
    }

    /** Binds a loss; unknown names or parameters → IllegalArgumentException listing the known ones. */
    public static MetricLoss loss(String name, Map<String, ?> params) {
        Function<Params, MetricLoss> f = LOSSES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown loss '" + name + "'; known: " + String.join(", ", LOSSES.keySet()));
        }
        Params p = Params.of(params == null ? Map.of() : params);
        MetricLoss l = f.apply(p);
        p.requireAllUsed("loss " + name);
        return l;
    }

    /** Binds a miner; unknown names or parameters → IllegalArgumentException listing the known ones. */
    public static Miner miner(String name, Map<String, ?> params) {
        Function<Params, Miner> f = MINERS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown miner '" + name + "'; known: " + String.join(", ", MINERS.keySet()));
        }
        Params p = Params.of(params == null ? Map.of() : params);
        Miner m = f.apply(p);
        p.requireAllUsed("miner " + name);
        return m;
    }
}
