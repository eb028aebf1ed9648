package org.metriclab.deep.loss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import org.metriclab.core.learn.Params;

/**
 * The registered losses and miners by name (PML class names in snake case), with parameter binding: the
 * built-ins below, then those of every {@link LossCatalog} on the class path (loaded once, on first use;
 * a name registered twice is an error naming both).
 */
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
        LOSSES.put("angular", AngularLoss::from);
        LOSSES.put("margin", MarginLoss::from);
        LOSSES.put("soft_triple", SoftTripleLoss::from);
        LOSSES.put("normalized_softmax", NormalizedSoftmaxLoss::from);
        LOSSES.put("fast_ap", FastApLoss::from);
        LOSSES.put("tuplet_margin", TupletMarginLoss::from);
        LOSSES.put("softmax_triplet", SoftmaxTripletLoss::from);
        LOSSES.put("triplet_global", TripletGlobalLoss::from);
        LOSSES.put("sphereface", SphereFaceLoss::from);
        LOSSES.put("subcenter_arcface", SubCenterArcFaceLoss::from);
        LOSSES.put("cross_batch_memory", CrossBatchMemory::from);
        LOSSES.put("deep_fda", DeepFdaLoss::from);
        LOSSES.put("deep_lda", DeepLdaLoss::from);
        LOSSES.put("prototypical", PrototypicalLoss::from);
        LOSSES.put("daml", DamlLoss::from);
        MINERS.put("batch_hard", BatchHardMiner::from);
        MINERS.put("triplet_margin", TripletMarginMiner::from);
        MINERS.put("batch_all", p -> new BatchAllMiner());
        MINERS.put("multi_similarity", MultiSimilarityMiner::from);
        MINERS.put("pair_margin", PairMarginMiner::from);
        MINERS.put("distance_weighted", DistanceWeightedMiner::from);
        MINERS.put("angular", AngularMiner::from);
    }

    private Losses() {
    }

    /** Built-ins plus the class path's catalogues, merged once. */
    private static final class Registry {
        private static Registry instance;
        final Map<String, Function<Params, MetricLoss>> losses;
        final Map<String, Function<Params, Miner>> miners;

        private Registry(Map<String, Function<Params, MetricLoss>> losses, Map<String, Function<Params, Miner>> miners) {
            this.losses = Collections.unmodifiableMap(losses);
            this.miners = Collections.unmodifiableMap(miners);
        }

        /** The class path's registry, built on first use; a collision is rethrown on every call, never cached. */
        static synchronized Registry get() {
            if (instance == null) {
                instance = of(load());
            }
            return instance;
        }

        private static List<LossCatalog> load() {
            List<LossCatalog> out = new ArrayList<>();
            ServiceLoader.load(LossCatalog.class).forEach(out::add);
            return out;
        }

        static Registry of(List<? extends LossCatalog> catalogs) {
            Map<String, Function<Params, MetricLoss>> losses = new LinkedHashMap<>(LOSSES);
            Map<String, Function<Params, Miner>> miners = new LinkedHashMap<>(MINERS);
            Map<String, String> lossOwner = new LinkedHashMap<>();
            Map<String, String> minerOwner = new LinkedHashMap<>();
            LOSSES.keySet().forEach(n -> lossOwner.put(n, "the built-ins"));
            MINERS.keySet().forEach(n -> minerOwner.put(n, "the built-ins"));
            for (LossCatalog c : catalogs) {
                merge("loss", c, c.losses(), losses, lossOwner);
                merge("miner", c, c.miners(), miners, minerOwner);
            }
            return new Registry(losses, miners);
        }

        private static <T> void merge(String kind, LossCatalog c, Map<String, Function<Params, T>> add,
                Map<String, Function<Params, T>> into, Map<String, String> owner) {
            String by = c.getClass().getName();
            for (Map.Entry<String, Function<Params, T>> e : add.entrySet()) {
                String name = e.getKey();
                if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalStateException(kind + " names are lower_snake_case, got '" + name + "' from " + by);
                }
                String prev = owner.putIfAbsent(name, by);
                if (prev != null) {
                    throw new IllegalStateException(kind + " name '" + name + "' is registered twice: by " + prev + " and by " + by);
                }
                into.put(name, e.getValue());
            }
        }
    }

    /** Every loss name: built-ins first, then registered ones. */
    public static Set<String> lossNames() {
        return Registry.get().losses.keySet();
    }

    /** Every miner name: built-ins first, then registered ones. */
    public static Set<String> minerNames() {
        return Registry.get().miners.keySet();
    }

    /** The names of the built-ins merged with these catalogues' (for tests; fails on collisions like the class-path registry). */
    static List<Set<String>> namesWith(List<? extends LossCatalog> catalogs) {
        Registry r = Registry.of(catalogs);
        return List.of(r.losses.keySet(), r.miners.keySet());
    }

    /** Binds a loss; unknown names or parameters → IllegalArgumentException listing the known ones. */
    public static MetricLoss loss(String name, Map<String, ?> params) {
        Function<Params, MetricLoss> f = Registry.get().losses.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown loss '" + name + "'; known: " + String.join(", ", lossNames()));
        }
        Params p = Params.of(params == null ? Map.of() : params);
        MetricLoss l = f.apply(p);
        p.requireAllUsed("loss " + name);
        return l;
    }

    /** Binds a miner; unknown names or parameters → IllegalArgumentException listing the known ones. */
    public static Miner miner(String name, Map<String, ?> params) {
        Function<Params, Miner> f = Registry.get().miners.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown miner '" + name + "'; known: " + String.join(", ", minerNames()));
        }
        Params p = Params.of(params == null ? Map.of() : params);
        Miner m = f.apply(p);
        p.requireAllUsed("miner " + name);
        return m;
    }
}
