package org.metriclab.index.lucene;

import static org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.util.hnsw.HnswGraph;

/**
 * An immutable on-heap copy of a segment's HNSW graph in compressed-row form: per level the neighbour ids of
 * every node one after the other, with offsets. Lucene's on-disk graph decodes each node's neighbour list from
 * the mapped file on every visit and is single-threaded; this copy is read without decoding and shared by all
 * searching threads, each through its own {@link Cursor}.
 */
final class FlatGraph {
    private final int size;
    private final int entryNode;
    /** Level 0: the neighbours of node i are {@code neighbours0[offsets0[i] .. offsets0[i + 1])}. */
    private final int[] offsets0;
    private final int[] neighbours0;
    /** Levels above 0: ascending node ids, offsets (one more than nodes) and neighbours, indexed by level. */
    private final int[][] nodes;
    private final int[][] offsets;
    private final int[][] neighbours;

    private FlatGraph(int size, int entryNode, int[] offsets0, int[] neighbours0, int[][] nodes, int[][] offsets, int[][] neighbours) {
        this.size = size;
        this.entryNode = entryNode;
        this.offsets0 = offsets0;
        this.neighbours0 = neighbours0;
        this.nodes = nodes;
        this.offsets = offsets;
        this.neighbours = neighbours;
    }

    /** Reads every level of {@code graph} (which is used from this thread only while copying). */
    static FlatGraph copyOf(HnswGraph graph) throws IOException {
        int size = graph.size();
        int levels = graph.numLevels();
        int[] offsets0 = new int[size + 1];
        int[] neighbours0 = new int[Math.max(16, size * 8)];
        int at = 0;
        for (int node = 0; node < size; node++) {
            graph.seek(0, node);
            for (int friend = graph.nextNeighbor(); friend != NO_MORE_DOCS; friend = graph.nextNeighbor()) {
                if (at == neighbours0.length) {
                    neighbours0 = Arrays.copyOf(neighbours0, grow(at));
                }
                neighbours0[at++] = friend;
            }
            offsets0[node + 1] = at;
        }
        neighbours0 = Arrays.copyOf(neighbours0, at);
        int[][] nodes = new int[levels][];
        int[][] offsets = new int[levels][];
        int[][] neighbours = new int[levels][];
        for (int level = 1; level < levels; level++) {
            int[] onLevel = HnswGraph.NodesIterator.getSortedNodes(graph.getNodesOnLevel(level));
            int[] off = new int[onLevel.length + 1];
            int[] nb = new int[Math.max(16, onLevel.length * 4)];
            int n = 0;
            for (int i = 0; i < onLevel.length; i++) {
                graph.seek(level, onLevel[i]);
                for (int friend = graph.nextNeighbor(); friend != NO_MORE_DOCS; friend = graph.nextNeighbor()) {
                    if (n == nb.length) {
                        nb = Arrays.copyOf(nb, grow(n));
                    }
                    nb[n++] = friend;
                }
                off[i + 1] = n;
            }
            nodes[level] = onLevel;
            offsets[level] = off;
            neighbours[level] = Arrays.copyOf(nb, n);
        }
        return new FlatGraph(size, size == 0 ? -1 : graph.entryNode(), offsets0, neighbours0, nodes, offsets, neighbours);
    }

    private static int grow(int length) {
        if (length >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the HNSW graph has more than " + length + " links; index fewer rows per index");
        }
        return (int) Math.min(Integer.MAX_VALUE - 8L, length + (length >> 1) + 16L);
    }

    int size() {
        return size;
    }

    /** A new reading position over this graph for one thread. */
    Cursor cursor() {
        return new Cursor();
    }

    /** Lucene's view of the graph: the seek/next state lives here, so each searching thread needs its own. */
    final class Cursor extends HnswGraph {
        private int[] list = neighbours0;
        private int at;
        private int end;

        @Override
        public void seek(int level, int target) {
            if (level == 0) {
                list = neighbours0;
                at = offsets0[target];
                end = offsets0[target + 1];
            } else {
                int i = Arrays.binarySearch(nodes[level], target);
                if (i < 0) {
                    throw new IllegalStateException("node " + target + " is not on level " + level + " of the graph");
                }
                list = neighbours[level];
                at = offsets[level][i];
                end = offsets[level][i + 1];
            }
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int nextNeighbor() {
            return at < end ? list[at++] : NO_MORE_DOCS;
        }

        @Override
        public int numLevels() {
            return nodes.length;
        }

        @Override
        public int entryNode() {
            return entryNode;
        }

        @Override
        public NodesIterator getNodesOnLevel(int level) {
            return level == 0 ? new ArrayNodesIterator(size) : new ArrayNodesIterator(nodes[level].clone(), nodes[level].length);
        }
    }
}
