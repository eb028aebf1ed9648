package org.metriclab.spark;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the distributed evaluation splits its work into Spark tasks. */
public enum Partitioning {
    /**
     * The queries are cut into ranges, one task each; every executor holds all references (broadcast once).
     * Every measure is computed.
     */
    QUERIES,
    /**
     * The references are cut into parts, one task each, and each part's top-k of every query is merged; every
     * executor holds all queries (broadcast once) and one part of the references, so references that do not fit
     * one executor can be evaluated. Only measures determined by the k nearest references are computed
     * (precision_at_k, recall_at_k, knn_accuracy_k, their per-class variants, NMI/AMI, and registered measures
     * declaring {@code nearestOnly()}).
     */
    REFERENCES;

    /** The partitioning named {@code queries} or {@code references} (any case). */
    public static Partitioning parse(String name) {
        for (Partitioning p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("partitioning '" + name + "': expected one of "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /** The lower-case name, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
