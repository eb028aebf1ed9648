package org.metriclab.deep.crossmodal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two modalities of a cross-modal learner as disjoint column groups of every data row, written
 * {@code [[first_a, last_a], [first_b, last_b]]} (inclusive 0-based columns), e.g. {@code [[0, 31], [32, 63]]}
 * for the top and bottom halves of an 8×8 image.
 */
public record Modalities(ColumnGroup a, ColumnGroup b) {
    private static final Pattern GROUP = Pattern.compile("\\[\\s*(\\d{1,9})\\s*,\\s*(\\d{1,9})\\s*]");
    private static final Pattern WHOLE = Pattern.compile("\\[\\s*(\\[[^\\[\\]]*]\\s*,\\s*)*\\[[^\\[\\]]*]\\s*]");

    public Modalities {
        if (a == null || b == null) {
            throw new IllegalArgumentException("modalities: need two column groups, e.g. [[0, 31], [32, 63]]");
        }
        if (a.overlaps(b)) {
            throw new IllegalArgumentException("modalities: column groups " + a + " and " + b
                    + " overlap; each column belongs to at most one modality, e.g. [[0, 31], [32, 63]]");
        }
    }

    /** Parses the config text (a YAML list of two [first, last] lists prints as that text). */
    public static Modalities parse(String text) {
        String t = text.trim();
        if (!WHOLE.matcher(t).matches()) {
            throw new IllegalArgumentException("modalities: expected two inclusive column ranges like [[0, 31], [32, 63]], got '" + text + "'");
        }
        List<ColumnGroup> groups = new ArrayList<>();
        Matcher m = GROUP.matcher(t);
        int matched = 0;
        while (m.find()) {
            groups.add(new ColumnGroup(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            matched++;
        }
        int listed = t.length() - t.replace("[", "").length() - 1;
        if (matched != listed || groups.size() != 2) {
            throw new IllegalArgumentException("modalities: expected exactly two column ranges of two non-negative integers, like [[0, 31], [32, 63]], got '"
                    + text + "'");
        }
        return new Modalities(groups.get(0), groups.get(1));
    }

    /** Refuses groups reaching past the data's last column. */
    public void requireWithin(int dim) {
        for (ColumnGroup g : List.of(a, b)) {
            if (g.last() >= dim) {
                throw new IllegalArgumentException("modalities: column group " + g + " reaches past the last column " + (dim - 1) + " of the data ("
                        + dim + " feature columns as the learner sees them; standardize drops train-constant columns); "
                        + "list 0-based inclusive ranges within [0, " + (dim - 1) + "] or turn standardization off");
            }
        }
    }

    /** The config form, {@code [[a0, a1], [b0, b1]]}. */
    public String configText() {
        return "[" + a + ", " + b + "]";
    }
}
