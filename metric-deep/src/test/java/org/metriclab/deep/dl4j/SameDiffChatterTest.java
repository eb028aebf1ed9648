package org.metriclab.deep.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.deep.Activation;
import org.metriclab.deep.NetKind;
import org.metriclab.deep.NetSpec;

/**
 * Training networks (MLP and CNN) never builds a SameDiff gradient graph, so standard output stays the
 * caller's stream and free of SameDiff's per-op lines; the tests' filter for the SameDiff reference
 * drops only those lines and restores the stream.
 */
class SameDiffChatterTest {
    @Test
    void cnnGradientsLeaveTheCallersStandardOutputInPlaceAndFreeOfChatter() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream mine = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(mine);
        Map<String, float[]> grads;
        try {
            NetSpec spec = new NetSpec(NetKind.CNN, List.of(4), 2, Activation.RELU, false, 0, true, List.of(2), 1.0);
            DeepNet net = new DeepNet(spec, 16, false, DeepNet.initialState(spec, 16, false, new SplittableRandom(1)));
            int n = 3;
            float[] x = new float[n * 16];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i % 7) / 7f;
            }
            float[] g = new float[n * 2];
            g[0] = 1;
            grads = net.gradients(x, n, new float[0][], g);
            System.out.println("after the gradients");
            assertSame(mine, System.out, "standard output is still the stream the caller set");
        } finally {
            System.setOut(original);
        }
        assertEquals(net().size(), grads.size(), "a gradient for every trainable array");
        String text = captured.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("Added differentiated op"), text);
        assertTrue(text.contains("after the gradients"), text);
    }

    private static List<String> net() {
        return List.of("conv0_W", "conv0_b", "dense0_W", "dense0_b", "out_W", "out_b");
    }

    @Test
    void quietlyRestoresStandardOutput() {
        PrintStream before = System.out;
        assertEquals("x", SameDiffChatter.quietly(() -> {
            assertNotSame(before, System.out);
            return "x";
        }));
        assertSame(before, System.out);
    }

    @Test
    void theFilterDropsOnlyChatterLines() {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        SameDiffChatter.LineFilter filter = new SameDiffChatter.LineFilter(new PrintStream(target, true, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(filter, true, StandardCharsets.UTF_8);
        out.println("Added differentiated op conv2d");
        out.println("result 1");
        out.print("Added differentiated op pool");
        out.flush();
        assertEquals("result 1\n", target.toString(StandardCharsets.UTF_8), "a line that may still become chatter waits");
        filter.drain();
        out.print("Added");
        out.flush();
        filter.drain();
        out.print("partial");
        out.flush();
        filter.drain();
        assertEquals("result 1\nAddedpartial", target.toString(StandardCharsets.UTF_8));
    }
}
