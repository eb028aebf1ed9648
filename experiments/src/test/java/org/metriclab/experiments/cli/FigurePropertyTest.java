package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.metriclab.experiments.config.ConfigMutants;
import org.metriclab.experiments.report.FigureKind;

/**
 * {@code metriclab figure} on garbage: damaged rows.csv (torn lines, bad numbers, huge values, odd labels), damaged
 * configs, random bytes. Every kind either writes a complete, non-empty file of the asked format, or exits 1 with one
 * line and writes nothing; it never exits 70 (internal error) and never leaves an empty image.
 */
class FigurePropertyTest {
    @Provide
    Arbitrary<GeneratedResults> results() {
        Arbitrary<ConfigMutants.Kind> config = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(ConfigMutants.Kind.NONE)),
                Tuple.of(1, Arbitraries.of(ConfigMutants.Kind.class)));
        Arbitrary<GeneratedResults.Damage> damage = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(GeneratedResults.Damage.NONE)),
                Tuple.of(8, Arbitraries.of(GeneratedResults.Damage.class)));
        return Combinators.combine(Arbitraries.of(GeneratedResults.LABELS), Arbitraries.of(GeneratedResults.GOOD_VALUES).list().ofSize(8),
                damage, Arbitraries.integers().between(0, 10_000), config, Arbitraries.longs(), Arbitraries.frequency(Tuple.of(5, false),
                        Tuple.of(1, true)), Arbitraries.of(GeneratedResults.PROVENANCES)).as(GeneratedResults::new);
    }

    @Provide
    Arbitrary<FigureKind> kinds() {
        return Arbitraries.of(FigureKind.CD, FigureKind.HEATMAP, FigureKind.DOTS, FigureKind.CURVES, FigureKind.SCALING, FigureKind.PR,
                FigureKind.ROC);
    }

    @Provide
    Arbitrary<String> extensions() {
        return Arbitraries.of("pdf", "svg", "png");
    }

    @Property(tries = 40)
    void damagedResultsGiveAFigureOrOneLine(@ForAll("results") GeneratedResults g, @ForAll("kinds") FigureKind kind,
            @ForAll("extensions") String ext, @ForAll boolean measure) throws IOException {
        Path dir = g.write(Files.createTempDirectory("garbage-figure"));
        try {
            Path out = dir.resolve("fig." + ext);
            Cli r = measure ? Cli.run("figure", kind.name().toLowerCase(), dir.toString(), "--out", out.toString(), "--measure", "r_precision")
                    : Cli.run("figure", kind.name().toLowerCase(), dir.toString(), "--out", out.toString());
            check(r, out, ext, g + " " + kind);
        } finally {
            GeneratedResults.delete(dir);
        }
    }

    @Property(tries = 25)
    void randomBytesAsRowsCsvGiveOneLine(@ForAll("kinds") FigureKind kind, @ForAll byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory("garbage-bytes");
        try {
            Files.write(dir.resolve("rows.csv"), bytes);
            Path out = dir.resolve("fig.pdf");
            Cli r = Cli.run("figure", kind.name().toLowerCase(), dir.toString(), "--out", out.toString());
            assertEquals(Main.BAD_INPUT, r.code(), r.err());
            check(r, out, "pdf", kind.toString());
        } finally {
            GeneratedResults.delete(dir);
        }
    }

    private static void check(Cli r, Path out, String ext, String what) throws IOException {
        if (r.code() != 0) {
            assertEquals(Main.BAD_INPUT, r.code(), what + "\n" + r.err());
            assertTrue(r.oneLineError(), "one line, no stack trace: " + r.err() + " for " + what);
            assertFalse(r.err().contains("internal error"), r.err());
            assertFalse(Files.exists(out), "no file on failure: " + what);
            return;
        }
        byte[] b = Files.readAllBytes(out);
        assertTrue(b.length > 200, "a complete file: " + b.length + " bytes for " + what);
        String head = new String(b, 0, Math.min(b.length, 64), StandardCharsets.ISO_8859_1);
        switch (ext) {
            case "pdf" -> assertTrue(head.startsWith("%PDF-") && new String(b, StandardCharsets.ISO_8859_1).trim().endsWith("%%EOF"), what);
            case "svg" -> assertTrue(new String(b, StandardCharsets.UTF_8).contains("</svg>"), what);
            default -> assertTrue(head.startsWith("\u0089PNG"), what);
        }
    }
}
