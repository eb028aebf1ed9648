package org.metriclab.eval.knn;

/**
 * Fills a {@link TopK} from distance rows: for every visited query, the exact k nearest of a part of the
 * references (global indices {@code firstReference ..}), selected by {@link NearestSelector} on Gram rows (with its
 * exactness guard) or on exact rows. In self mode query q is reference q and is left out of its own list.
 */
final class NearestScanner implements TiledSearch.RowVisitor {
    private final NearestSelector selector;
    private final ReferenceTiles refs;
    private final double[] queryData;
    private final int dim;
    private final int from;
    private final int k;
    private final int firstReference;
    private final boolean self;
    private final boolean gram;
    private final int[] count;
    private final int[] index;
    private final double[] distance;

    NearestScanner(EmbeddingRows queries, int from, ReferenceTiles refs, int firstReference, boolean self, boolean gram,
                   int k, int[] count, int[] index, double[] distance) {
        this.selector = new NearestSelector(Math.min(k, refs.rows()), refs, gram);
        this.refs = refs;
        this.queryData = queries.data();
        this.dim = queries.dim();
        this.from = from;
        this.k = k;
        this.firstReference = firstReference;
        this.self = self;
        this.gram = gram;
        this.count = count;
        this.index = index;
        this.distance = distance;
    }

    @Override
    public void visit(int query, double[] dist, int off) {
        int qa = query * dim;
        double err = gram ? refs.uniformBound(ReferenceTiles.squaredNorm(queryData, qa, dim)) : 0.0;
        int skip = self ? query - firstReference : -1;
        int nr = refs.rows();
        selector.begin();
        for (int j = 0; j < nr; j++) {
            if (j != skip) {
                selector.consider(dist[off + j], j, err);
            }
        }
        int n = selector.capacity() > 0 ? selector.finish(dist, off, queryData, qa, err) : 0;
        int base = (query - from) * k;
        for (int i = 0; i < n; i++) {
            index[base + i] = firstReference + selector.index(i);
            distance[base + i] = selector.distance(i);
        }
        count[query - from] = n;
    }
}
