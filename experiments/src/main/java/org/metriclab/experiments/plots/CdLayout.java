package org.metriclab.experiments.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.metriclab.eval.stats.CriticalDifference;

/**
 * The geometry of a critical-difference diagram (Demšar 2006, Figure 1), in points, as a pure function of the analysis,
 * the width and the text widths:
 * <ul>
 *   <li>a horizontal rank axis from k (left) to 1 (right), so the best learners are on the right, with a tick per
 *       whole rank;</li>
 *   <li>above it, for Nemenyi, a segment one CD long labelled "CD";</li>
 *   <li>each learner a mark on the axis at its average rank, joined by an elbow line to its name: the better half
 *       (ranks ≤ the median) to the right margin, the worse half to the left margin, one line per name, the names
 *       nearest the axis ends on the lowest lines so that no two lines cross;</li>
 *   <li>below the axis, one thick bar per clique from its best to its worst member, each on its own row.</li>
 * </ul>
 */
public record CdLayout(double width, double height, double axisY, double axisLeft, double axisRight, List<Tick> ticks,
        List<Entry> entries, List<Bar> bars, double cdLeft, double cdRight, double cdY) {
    /** Vertical space per name line and per clique bar. */
    static final double LINE = 11;
    static final double BAR_GAP = 5;

    /** A whole rank on the axis. */
    public record Tick(int rank, double x) {
    }

    /**
     * A learner: its mark at ({@code x}, axis), the elbow down to {@code lineY} and across to {@code labelX}, where its
     * name starts ({@code rightSide}) or ends.
     */
    public record Entry(String name, double rank, double x, double lineY, double labelX, boolean rightSide) {
    }

    /** A clique's bar from {@code x1} (left) to {@code x2} at height {@code y}. */
    public record Bar(double x1, double x2, double y) {
    }

    public CdLayout {
        ticks = List.copyOf(ticks);
        entries = List.copyOf(entries);
        bars = List.copyOf(bars);
    }

    /** Whether the diagram shows a CD segment (Nemenyi), not only cliques. */
    public boolean hasCd() {
        return !Double.isNaN(cdLeft);
    }

    /** The x of average rank {@code r} on the axis. */
    public double x(double r) {
        int k = ticks.size();
        return axisLeft + (k - r) / (k - 1) * (axisRight - axisLeft);
    }

    /**
     * Lays out {@code cd} at {@code width} points, measuring names with {@code textWidth} (points at the label font).
     */
    public static CdLayout of(CriticalDifference cd, double width, ToDoubleFunction<String> textWidth) {
        List<String> names = cd.names();
        double[] ranks = cd.ranks();
        int k = names.size();
        int right = (k + 1) / 2;
        double margin = 0;
        for (String n : names) {
            margin = Math.max(margin, textWidth.applyAsDouble(n));
        }
        margin = Math.min(margin + 14, width * 0.32);
        double axisLeft = margin;
        double axisRight = width - margin;
        double top = 6;
        double cdY = top + 10;
        double axisY = cdY + (Double.isNaN(cd.cd()) ? 6 : 22);
        List<Tick> ticks = new ArrayList<>();
        for (int r = 1; r <= k; r++) {
            ticks.add(new Tick(r, axisLeft + (k - r) / (double) (k - 1) * (axisRight - axisLeft)));
        }
        CdLayout probe = new CdLayout(width, 0, axisY, axisLeft, axisRight, ticks, List.of(), List.of(), Double.NaN, Double.NaN, cdY);
        List<Bar> bars = new ArrayList<>();
        double barTop = axisY + 8;
        for (int b = 0; b < cd.cliques().size(); b++) {
            CriticalDifference.Clique c = cd.cliques().get(b);
            bars.add(new Bar(probe.x(ranks[c.last()]) - 3, probe.x(ranks[c.first()]) + 3, barTop + b * BAR_GAP));
        }
        double linesTop = barTop + Math.max(0, cd.cliques().size()) * BAR_GAP + 6;
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            boolean rightSide = i < right;
            // right side: the best (rightmost) name on the first line; left side: the worst (leftmost) first
            int line = rightSide ? i : k - 1 - i;
            entries.add(new Entry(names.get(i), ranks[i], probe.x(ranks[i]), linesTop + (line + 0.5) * LINE,
                    rightSide ? axisRight + 6 : axisLeft - 6, rightSide));
        }
        double height = linesTop + Math.max(right, k - right) * LINE + 6;
        double cdLeft = Double.NaN;
        double cdRight = Double.NaN;
        if (!Double.isNaN(cd.cd())) {
            cdLeft = axisLeft;
            cdRight = axisLeft + Math.min(cd.cd(), k - 1) / (k - 1) * (axisRight - axisLeft);
        }
        return new CdLayout(width, height, axisY, axisLeft, axisRight, ticks, entries, bars, cdLeft, cdRight, cdY);
    }
}
