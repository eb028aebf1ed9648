package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.metriclab.experiments.jackson.Trees;

/**
 * {@code metriclab loss} end to end against pytorch-metric-learning 2.8.1 (golden values from
 * reference/losses/clustered/expected.json: value to 1e-9 in float64, gradient norm to 1e-4 relative).
 */
class LossCommandTest {
    private static Path fixture(String name) {
        try {
            return Path.of(LossCommandTest.class.getResource("/losses/clustered/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "contrastive|pos_margin=0 neg_margin=1|||0.8352600680177609|0.13866213104001748",
        "triplet_margin|margin=0.2|batch_hard||0.20780414748830195|0.15996295324523885",
        "triplet_margin|margin=0.05|triplet_margin|margin=0.05 type_of_triplets=semihard|0.019176210145474257|0.20282985797830042",
        "multi_similarity|alpha=2 beta=50 base=0.5|multi_similarity|epsilon=0.1|0.19859243860301998|0.0365678451040109",
        "ntxent|temperature=0.07|||0.359982409216593|0.3668928577621211",
        "proxy_anchor|num_classes=8 embedding_size=16 margin=0.1 alpha=32|||21.55528767738994|2.5204917393329387",
        "arcface|num_classes=8 embedding_size=16 margin=28.6 scale=64|||31.781193014536132|3.3617859210702212",
    })
    void reproducesPytorchMetricLearning(String loss, String params, String miner, String minerParams, double value, double gradNorm) {
        List<String> args = new ArrayList<>(List.of("loss", "--loss", loss,
                "--embeddings", fixture("embeddings.csv").toString(), "--labels", fixture("labels.csv").toString()));
        for (String p : params.split(" ")) {
            args.add("--param");
            args.add(p);
        }
        if (miner != null) {
            args.add("--miner");
            args.add(miner);
            if (minerParams != null) {
                for (String p : minerParams.split(" ")) {
                    args.add("--miner-param");
                    args.add(p);
                }
            }
        }
        String weights = switch (loss) {
            case "proxy_anchor" -> "weights_seed0/proxy_anchor_proxies.csv";
            case "arcface" -> "weights_seed0/arcface_W.csv";
            default -> null;
        };
        if (weights != null) {
            args.add("--weights");
            args.add(fixture(weights).toString());
        }
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        Map<?, ?> out = (Map<?, ?>) Trees.parseYaml(r.out(), "stdout");
        assertEquals(value, ((Number) out.get("value")).doubleValue(), 1e-9, loss + " value");
        assertEquals(gradNorm, ((Number) out.get("grad_norm")).doubleValue(), 1e-4 * gradNorm, loss + " grad_norm");
    }

    @Test
    void unknownLossAndMismatchedLabelsAreOneLineErrors() {
        Cli r = Cli.run("loss", "--loss", "tripletz", "--embeddings", fixture("embeddings.csv").toString(),
                "--labels", fixture("labels.csv").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("tripletz") && r.err().lines().count() == 1, r.err());
        Cli m = Cli.run("loss", "--loss", "contrastive", "--embeddings", fixture("embeddings.csv").toString(),
                "--labels", fixture("weights_seed0/arcface_W.csv").toString());
        assertEquals(Main.BAD_INPUT, m.code());
        assertTrue(m.err().startsWith("metriclab: error:"), m.err());
    }
}
