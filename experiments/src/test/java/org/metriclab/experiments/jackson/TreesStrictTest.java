package org.metriclab.experiments.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.DataFormatException;

/** YAML and JSON are read strictly: what a lenient binder would silently drop or misread is an error. */
class TreesStrictTest {
    @TempDir
    Path dir;

    private static String fails(String yaml) {
        return assertThrows(DataFormatException.class, () -> Trees.parseYaml(yaml, "c.yaml")).getMessage();
    }

    @Test
    void aDuplicatedKeyIsRejectedNamingKeyAndLines() {
        String m = fails("name: a\nseeds: [1]\nseeds: [2]\n");
        assertEquals("c.yaml:3:1: duplicate key 'seeds' (first given on line 2); each key may appear once in a mapping", m);
        assertTrue(fails("learners:\n  - {type: lfda, type: nca}\n").contains("duplicate key 'type'"));
        assertEquals(Map.of("a", Map.of("x", 1), "b", Map.of("x", 2)), Trees.parseYaml("a: {x: 1}\nb: {x: 2}\n", "c.yaml"),
                "the same key in different mappings is fine");
    }

    @Test
    void aSecondDocumentIsRejected() {
        String m = fails("name: a\n---\nname: b\n");
        assertTrue(m.startsWith("c.yaml:3:") && m.contains("a second YAML document"), m);
        assertEquals(Map.of("name", "a"), Trees.parseYaml("---\nname: a\n...\n", "c.yaml"), "explicit start and end markers of one document");
    }

    @Test
    void anchorsAndAliasesAreRejectedWithAClearMessage() {
        String alias = fails("a: &d {type: euclidean}\nb: *d\n");
        assertTrue(alias.startsWith("c.yaml:1:") && alias.contains("YAML anchor '&d' is not supported"), alias);
        String bare = fails("a: 1\nb: *d\n");
        assertTrue(bare.contains("YAML alias '*d' is not supported"), bare);
        assertTrue(fails("base: &b {x: 1}\nc:\n  <<: *b\n").contains("anchor '&b'"));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        int depth = 5000;
        String m = fails("[".repeat(depth) + "]".repeat(depth));
        assertTrue(m.contains("nested more than 100 levels") || m.contains("nesting depth"), m);
        assertEquals(List.of(List.of(List.of())), Trees.parseYaml("[[[]]]", "c.yaml"));
    }

    @Test
    void hugeIntegersKeepTheirExactValue() {
        assertEquals(Map.of("seeds", List.of(new BigInteger("99999999999999999999"))),
                Trees.parseYaml("seeds: [99999999999999999999]\n", "c.yaml"));
    }

    @Test
    void yamlInfinitiesAndNanAreValuesForTheBinderToJudge() {
        Map<?, ?> t = (Map<?, ?>) Trees.parseYaml("a: .inf\nb: -.Inf\nc: .nan\n", "c.yaml");
        assertEquals(Double.POSITIVE_INFINITY, t.get("a"));
        assertEquals(Double.NEGATIVE_INFINITY, t.get("b"));
        assertTrue(Double.isNaN((Double) t.get("c")));
    }

    @Test
    void controlCharactersAreReportedWhereTheyAre() {
        assertEquals("c.yaml:2:4: control character U+0001 is not allowed in YAML text; is this a binary file?",
                fails("a: 1\nb: \u0001\n"));
    }

    @Test
    void filesThatAreNotUtf8OrAreDirectoriesSaySo() throws Exception {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        String m = assertThrows(DataFormatException.class, () -> Trees.readYaml(latin1)).getMessage();
        assertEquals(latin1 + ": not UTF-8 text (invalid byte at offset 3); save the file as UTF-8", m);
        assertTrue(assertThrows(DataFormatException.class, () -> Trees.readYaml(dir)).getMessage().contains("is a directory"));
        Path bom = dir.resolve("bom.yaml");
        Files.writeString(bom, "\uFEFFname: a\n");
        assertEquals(Map.of("name", "a"), Trees.readYaml(bom));
    }

    @Test
    void syntaxErrorsAreOneLineWithTheLocation() {
        String m = fails("a: [1, 2\nb: 3\n");
        assertTrue(m.startsWith("c.yaml:") && m.contains("YAML syntax error") && !m.contains("\n") && !m.contains("^"), m);
        String json = assertThrows(DataFormatException.class, () -> {
            Path p = dir.resolve("m.json");
            Files.writeString(p, "{\"a\": 1, \"a\": 2}");
            Trees.readJson(p);
        }).getMessage();
        assertTrue(json.contains("duplicate key 'a'"), json);
    }
}
