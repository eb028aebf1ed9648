package org.metriclab.core.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.distance.IdentityMetric;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.linalg.Matrix;

/** metric-core's codecs claim only their own metric class and round-trip it under their kind. */
class TypedCodecTest {

    @Test
    void eachCoreCodecEncodesOnlyItsOwnClass() {
        LearnedMetric identity = new IdentityMetric(2);
        LearnedMetric mahalanobis = new MahalanobisMetric(Matrix.of(new double[][] {{1, 2}, {0, 3}}));
        for (MetricCodec c : CoreCodecs.all()) {
            assertEquals(c.kind().equals("identity"), c.canEncode(identity), c.kind());
            assertEquals(c.kind().equals("mahalanobis"), c.canEncode(mahalanobis), c.kind());
        }
    }

    @Test
    void mahalanobisRoundTripsThroughTheRegistry() {
        MetricCodecs codecs = MetricCodecs.load();
        MahalanobisMetric m = new MahalanobisMetric(Matrix.of(new double[][] {{1, 2}, {0, 3}}));
        Map<String, Object> stored = codecs.encode(m);
        assertEquals("mahalanobis", stored.get(MetricCodecs.KIND));
        LearnedMetric back = codecs.decode(stored);
        assertInstanceOf(MahalanobisMetric.class, back);
        assertEquals(0.0, ((MahalanobisMetric) back).l().maxAbsDifference(m.l()));
    }

    @Test
    void aCodecWithAnotherClassDoesNotClaimTheMetric() {
        TypedCodec<IdentityMetric> codec = new TypedCodec<>("identity", IdentityMetric.class, (m, c) -> Map.of("dim", m.dim()),
                (s, c) -> new IdentityMetric(1));
        assertTrue(codec.canEncode(new IdentityMetric(3)));
        assertFalse(codec.canEncode(new MahalanobisMetric(Matrix.of(new double[][] {{1}}))));
        assertEquals(Map.of("dim", 3), codec.encode(new IdentityMetric(3), null));
    }
}
