package org.metriclab.experiments.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.metriclab.core.data.DataFormatException;

/** Reads a run's curves.csv (objective per iteration, {@link CurvePoint}); a missing file means no curves. */
public final class Curves {
    private Curves() {
    }

    public static List<CurvePoint> read(Path dir) {
        Path file = dir.resolve(TrialLog.CURVES);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !Csv.parse(lines.get(0)).equals(CurvePoint.COLUMNS)) {
            throw new DataFormatException(file + ":1: expected the header " + String.join(",", CurvePoint.COLUMNS));
        }
        List<CurvePoint> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                List<String> f = Csv.parse(lines.get(i));
                out.add(new CurvePoint(CurvePoint.keyOf(f), Integer.parseInt(f.get(4)), Double.parseDouble(f.get(5))));
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }
}
