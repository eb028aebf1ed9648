package org.metriclab.experiments.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.metriclab.core.data.DataFormatException;

/**
 * Reads a run's curves.csv ({@link CurvePoint}: dataset, label, seed, split, curve, step, value); a missing
 * file means no curves and a partial last line (a killed run) is left out. Files in the older layout (…, iteration, objective) read as curve {@code objective}.
 */
public final class Curves {
    private Curves() {
    }

    public static List<CurvePoint> read(Path dir) {
        Path file = dir.resolve(TrialLog.CURVES);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines = TrialLog.completeLines(file);
        List<String> header = lines.isEmpty() ? null : CurvePoint.header(Csv.parse(lines.get(0))).orElse(null);
        if (header == null) {
            throw new DataFormatException(file + ":1: expected the header " + String.join(",", CurvePoint.COLUMNS));
        }
        List<CurvePoint> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(CurvePoint.of(header, Csv.parse(lines.get(i))));
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }
}
