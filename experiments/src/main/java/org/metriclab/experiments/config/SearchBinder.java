package org.metriclab.experiments.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.metriclab.eval.search.ApproximateSearch;
import org.metriclab.eval.search.IndexedEvaluation;
import org.metriclab.eval.search.SearchSpec;

/**
 * Binds the {@code search:} block: {@code {type: exact}} (the default) or {@code {type: hnsw, m [16],
 * ef_construction [100], ef_search [64] (one value or a list to sweep), compare_exact [false], recall_k [10]}}.
 * An hnsw search is checked before anything runs: its settings, that every measure can be computed from an index's
 * neighbour lists, and that an index provider (the metric-index module) is on the class path.
 */
final class SearchBinder {
    private static final Set<String> HNSW_KEYS = Set.of("type", "m", "ef_construction", "ef_search", "compare_exact", "recall_k");

    private SearchBinder() {
    }

    static SearchSpec bind(Node node, Node measuresNode, List<String> measures) {
        if (!node.isMap()) {
            throw node.fail("expected {type: exact} or {type: hnsw, m: 16, ef_construction: 100, ef_search: 64}");
        }
        String type = node.string("type", "exact");
        switch (type) {
            case "exact" -> {
                node.rejectUnknown(Set.of("type"));
                return SearchSpec.EXACT;
            }
            case "hnsw" -> {
                node.rejectUnknown(HNSW_KEYS);
                SearchSpec.Hnsw spec = hnsw(node);
                try {
                    IndexedEvaluation.requireSupported(measures);
                } catch (IllegalArgumentException e) {
                    throw measuresNode.fail(e.getMessage());
                }
                try {
                    ApproximateSearch.require();
                } catch (IllegalArgumentException e) {
                    throw node.get("type").fail(e.getMessage());
                }
                return spec;
            }
            default -> throw node.get("type").fail("unknown search type '" + type + "'; known: exact, hnsw");
        }
    }

    private static SearchSpec.Hnsw hnsw(Node node) {
        int m = node.has("m") ? node.get("m").intIn(2, SearchSpec.Hnsw.MAX_M, "m") : SearchSpec.Hnsw.DEFAULT_M;
        int efc = node.has("ef_construction") ? node.get("ef_construction").intIn(1, SearchSpec.Hnsw.MAX_EF_CONSTRUCTION, "ef_construction")
                : SearchSpec.Hnsw.DEFAULT_EF_CONSTRUCTION;
        List<Integer> ef = new ArrayList<>();
        if (!node.has("ef_search")) {
            ef.add(SearchSpec.Hnsw.DEFAULT_EF_SEARCH);
        } else if (node.get("ef_search").isList()) {
            for (Node n : node.get("ef_search").list()) {
                ef.add(n.intIn(1, Integer.MAX_VALUE, "ef_search"));
            }
        } else {
            ef.add(node.get("ef_search").intIn(1, Integer.MAX_VALUE, "ef_search"));
        }
        boolean compare = node.bool("compare_exact", false);
        int recallK = node.has("recall_k") ? node.get("recall_k").intIn(1, Integer.MAX_VALUE, "recall_k") : SearchSpec.Hnsw.DEFAULT_RECALL_K;
        try {
            return new SearchSpec.Hnsw(m, efc, ef, compare, recallK);
        } catch (IllegalArgumentException e) {
            throw node.get("ef_search").fail(e.getMessage());
        }
    }

    /** The block as config.resolved.yaml writes it, every default filled in. */
    static Map<String, Object> toTree(SearchSpec spec) {
        Map<String, Object> t = new LinkedHashMap<>();
        if (spec instanceof SearchSpec.Hnsw h) {
            t.put("type", "hnsw");
            t.put("m", h.m());
            t.put("ef_construction", h.efConstruction());
            t.put("ef_search", h.efSearch());
            t.put("compare_exact", h.compareExact());
            t.put("recall_k", h.recallK());
        } else {
            t.put("type", "exact");
        }
        return t;
    }
}
