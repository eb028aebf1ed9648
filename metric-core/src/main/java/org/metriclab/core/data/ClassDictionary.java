package org.metriclab.core.data;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Class labels as written in a file mapped to {@code int} class ids: labels may be integers of any
 * size or class names, and are never truncated.
 *
 * <ul>
 *   <li>When every label is an integer within the {@code int} range, the id is the label itself, so
 *       settings that name classes by their label (such as the train and test classes of a
 *       class-disjoint split) keep their meaning.</li>
 *   <li>Otherwise the labels are numbered 0..k−1: in numeric order when all are integers (equal
 *       spellings of one number, such as {@code 7}, {@code 07} and {@code +7}, are one class), else in
 *       text order.</li>
 * </ul>
 * Either way the ids preserve the labels' order, so ties broken towards the smaller label still are,
 * and {@link #name(int)} gives the original label back for output.
 *
 * <p>Files that are evaluated together (queries and references) must share one dictionary, built
 * from all their label columns, so that equal labels get equal ids.
 */
public final class ClassDictionary {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private final List<String> names;
    private final Map<String, Integer> ids;
    private final Map<Integer, String> byId = new HashMap<>();
    private final boolean numeric;

    private ClassDictionary(List<String> names, Map<String, Integer> ids, boolean numeric) {
        this.names = List.copyOf(names);
        this.ids = Map.copyOf(ids);
        this.numeric = numeric;
        ids.forEach((name, id) -> byId.put(id, name));
    }

    /** The dictionary of every label in the given columns (each a list of raw label values). */
    public static ClassDictionary of(Collection<? extends List<String>> columns) {
        TreeSet<String> distinct = new TreeSet<>();
        for (List<String> c : columns) {
            for (String v : c) {
                distinct.add(v.trim());
            }
        }
        boolean numeric = !distinct.isEmpty() && distinct.stream().allMatch(v -> INTEGER.matcher(v).matches());
        List<String> names = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        if (numeric) {
            TreeSet<BigInteger> values = new TreeSet<>(distinct.stream().map(BigInteger::new).toList());
            boolean fitsInt = values.first().compareTo(INT_MIN) >= 0 && values.last().compareTo(INT_MAX) <= 0;
            int next = 0;
            for (BigInteger b : values) {
                names.add(b.toString());
                ids.put(b.toString(), fitsInt ? b.intValueExact() : next++);
            }
        } else {
            for (String v : distinct) {
                ids.put(v, names.size());
                names.add(v);
            }
        }
        return new ClassDictionary(names, ids, numeric);
    }

    /** The dictionary of one label column. */
    public static ClassDictionary of(List<String> labels) {
        return of(List.of(labels));
    }

    /** The ids of raw label values; every value must be in this dictionary. */
    public Labels encode(List<String> raw) {
        int[] out = new int[raw.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = ids.get(key(raw.get(i)));
            if (id == null) {
                throw new IllegalArgumentException("label '" + raw.get(i) + "' is not one of the " + names.size() + " known classes");
            }
            out[i] = id;
        }
        return Labels.of(out);
    }

    /** The original label of class id {@code id} (integers in canonical form, e.g. {@code 7} for {@code 07}). */
    public String name(int id) {
        String name = byId.get(id);
        if (name == null) {
            throw new IllegalArgumentException("no class with id " + id + " among the " + names.size() + " classes");
        }
        return name;
    }

    /** The original labels in id order. */
    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /** Whether the labels are integers (numbered in numeric order) rather than class names. */
    public boolean numeric() {
        return numeric;
    }

    private String key(String raw) {
        String t = raw.trim();
        return numeric && INTEGER.matcher(t).matches() ? new BigInteger(t).toString() : t;
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof ClassDictionary c && names.equals(c.names) && numeric == c.numeric;
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + Boolean.hashCode(numeric);
    }

    @Override
    public String toString() {
        return "ClassDictionary" + names;
    }
}
