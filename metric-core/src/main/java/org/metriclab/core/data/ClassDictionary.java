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
 * Class labels as written in a file, numbered 0..k−1: labels may be integers of any size or class
 * names, and are never truncated to fit an {@code int}.
 *
 * <p>When every label is an integer the ids follow numeric order and equal spellings of one number
 * ({@code 7}, {@code 07}, {@code +7}) are one class; otherwise the ids follow the text order of the
 * labels. Either way the numbering preserves the labels' order, so ties that are broken towards the
 * smaller label still are. The original values stay available through {@link #name(int)}.
 *
 * <p>Files that are evaluated together (queries and references) must share one dictionary, built
 * from all their label columns, so that equal labels get equal ids.
 */
public final class ClassDictionary {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    private final List<String> names;
    private final Map<String, Integer> ids;
    private final boolean numeric;

    private ClassDictionary(List<String> names, Map<String, Integer> ids, boolean numeric) {
        this.names = List.copyOf(names);
        this.ids = Map.copyOf(ids);
        this.numeric = numeric;
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
        if (numeric) {
            new TreeSet<>(distinct.stream().map(ClassDictionary::number).toList()).forEach(b -> names.add(b.toString()));
        } else {
            names.addAll(distinct);
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            ids.put(names.get(i), i);
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
        return names.get(id);
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
        return numeric && INTEGER.matcher(t).matches() ? number(t).toString() : t;
    }

    private static BigInteger number(String t) {
        return new BigInteger(t);
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
