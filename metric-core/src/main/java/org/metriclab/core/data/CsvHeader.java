package org.metriclab.core.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV header row: column names, trimmed, each non-empty and unique. A repeated name is an error
 * because it makes a column ambiguous (with {@code a,b,label,label} one label column would silently
 * become a feature, and a model's feature names would not identify its inputs).
 */
record CsvHeader(List<String> names) {
    CsvHeader {
        names = List.copyOf(names);
    }

    static CsvHeader parse(String line, String source, int lineNumber) {
        String[] cells = line.split(",", -1);
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < cells.length; j++) {
            cells[j] = cells[j].trim();
            if (cells[j].isEmpty()) {
                throw new DataFormatException(source + ":" + lineNumber + ": column " + (j + 1) + " of the header has no name; "
                        + "every column needs a unique name");
            }
            Integer before = seen.putIfAbsent(cells[j], j);
            if (before != null) {
                throw new DataFormatException(source + ":" + lineNumber + ": column name '" + cells[j] + "' appears twice (columns "
                        + (before + 1) + " and " + (j + 1) + "); column names must be unique");
            }
        }
        return new CsvHeader(List.of(cells));
    }

    int size() {
        return names.size();
    }

    String name(int j) {
        return names.get(j);
    }

    /** The position of a column, or −1. */
    int indexOf(String name) {
        return names.indexOf(name);
    }
}
