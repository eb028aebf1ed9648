package org.metriclab.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The golden LaTeX table compiles in a minimal document with booktabs (runs only where pdflatex is installed). */
class LatexCompileTest {
    @TempDir
    Path tmp;

    @Test
    void goldenTableCompilesWithPdflatex() throws Exception {
        Path pdflatex = Path.of("/usr/bin/pdflatex");
        Assumptions.assumeTrue(Files.isExecutable(pdflatex), "pdflatex not installed");
        Files.writeString(tmp.resolve("table.tex"), PublishedTableTest.golden("map_at_r.tex"));
        Files.writeString(tmp.resolve("doc.tex"), "\\documentclass{article}\n\\usepackage[margin=1cm,landscape]{geometry}\n"
                + "\\usepackage{booktabs}\n\\begin{document}\n\\input{table.tex}\n\\end{document}\n");
        Process p = new ProcessBuilder(pdflatex.toString(), "-interaction=nonstopmode", "-halt-on-error", "doc.tex")
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("log.txt")));
        assertTrue(Files.size(tmp.resolve("doc.pdf")) > 1000);
    }
}
