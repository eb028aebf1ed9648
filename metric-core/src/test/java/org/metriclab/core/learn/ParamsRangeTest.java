package org.metriclab.core.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import org.junit.jupiter.api.Test;

/** Numbers are range-checked before narrowing, and every failure names its key as data. */
class ParamsRangeTest {
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static ParamException fails(Runnable r) {
        return assertThrows(ParamException.class, r::run);
    }

    @Test
    void anIntBeyondTheIntRangeNamesKeyValueAndLimit() {
        ParamException e = fails(() -> Params.of(Map.of("max_iter", 10_000_000_000L)).getInt("max_iter", 100));
        assertEquals("max_iter", e.key());
        assertEquals("10000000000", e.value());
        assertEquals(ParamException.Problem.INVALID_VALUE, e.problem());
        assertEquals("parameter 'max_iter' = '10000000000': expected an integer from -2147483648 to 2147483647 (32-bit limit)",
                e.getMessage());
        assertEquals("k", fails(() -> Params.of(Map.of("k", "10000000000")).getInt("k", 1)).key());
        assertEquals("k", fails(() -> Params.of(Map.of("k", 1e30)).getInt("k", 1)).key());
    }

    @Test
    void aLongIsNeverTruncatedOrSaturated() {
        BigInteger huge = new BigInteger("99999999999999999999");
        assertTrue(fails(() -> Params.of(Map.of("seed", huge)).getLong("seed", 0)).getMessage()
                .contains("from -9223372036854775808 to 9223372036854775807"));
        fails(() -> Params.of(Map.of("seed", 1e19)).getLong("seed", 0));
        fails(() -> Params.of(Map.of("seed", Double.POSITIVE_INFINITY)).getLong("seed", 0));
        fails(() -> Params.of(Map.of("seed", 2.5)).getLong("seed", 0));
        assertEquals(Long.MAX_VALUE, Params.of(Map.of("seed", LONG_MAX)).getLong("seed", 0));
        assertEquals(1000, Params.of(Map.of("n", 1e3)).getInt("n", 0));
    }

    @Test
    void doublesMustBeFiniteAndPlainDecimal() {
        fails(() -> Params.of(Map.of("lr", Double.POSITIVE_INFINITY)).getDouble("lr", 1));
        fails(() -> Params.of(Map.of("lr", new BigInteger("1" + "0".repeat(400)))).getDouble("lr", 1));
        fails(() -> Params.of(Map.of("lr", "NaN")).getDouble("lr", 1));
        fails(() -> Params.of(Map.of("lr", "0x1p3")).getDouble("lr", 1));
        fails(() -> Params.of(Map.of("lr", "1d")).getDouble("lr", 1));
        assertEquals("w", fails(() -> Params.of(Map.of("w", List.of(1.0, Double.NaN))).getDoubleList("w", List.of())).key());
        assertEquals(1e-3, Params.of(Map.of("lr", "1e-3")).getDouble("lr", 1));
        assertEquals(0.5, Params.of(Map.of("lr", ".5")).getDouble("lr", 1));
    }

    @Test
    void unknownKeysAreReportedAsData() {
        Params p = Params.of(Map.of("kk", 3, "zz", 1, "k", 2));
        p.getInt("k", 1);
        ParamException e = fails(() -> p.requireAllUsed("learner 'lfda'"));
        assertEquals(ParamException.Problem.UNKNOWN_KEY, e.problem());
        assertEquals("kk", e.key());
        assertEquals(List.of("kk", "zz"), e.keys());
        assertEquals("unknown parameters 'kk', 'zz' for learner 'lfda'; known: k", e.getMessage());
    }

    @Property(tries = 300)
    void getIntIsExactOrFailsWithTheKey(@ForAll @BigRange(min = "-100000000000000000000000", max = "100000000000000000000000") BigInteger n,
            @ForAll boolean asText) {
        Object v = asText ? n.toString() : n;
        boolean fits = n.compareTo(INT_MIN) >= 0 && n.compareTo(INT_MAX) <= 0;
        if (fits) {
            assertEquals(n.intValueExact(), Params.of(Map.of("n", v)).getInt("n", 0));
        } else {
            assertEquals("n", fails(() -> Params.of(Map.of("n", v)).getInt("n", 0)).key());
        }
    }

    @Property(tries = 300)
    void getLongIsExactOrFailsWithTheKey(@ForAll @BigRange(min = "-100000000000000000000000", max = "100000000000000000000000") BigInteger n) {
        boolean fits = n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0;
        if (fits) {
            assertEquals(n.longValueExact(), Params.of(Map.of("n", n)).getLong("n", 0));
        } else {
            assertEquals("n", fails(() -> Params.of(Map.of("n", n)).getLong("n", 0)).key());
        }
    }
}
