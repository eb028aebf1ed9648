package org.metriclab.deep.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The native library on the class path is the one the parent pom's {@code nd4j.classifier} names:
 * libnd4j built with oneDNN, whose matrix products (the CNN front's convolution SGEMMs) run through
 * oneDNN. The plain build reports only OpenBLAS and trains the CNN about 1.4× slower.
 */
class NativeBuildTest {
    @Test
    void libnd4jIsBuiltWithOneDnn() {
        Nd4j.create(1);
        String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        assertTrue(info.contains("HAVE_ONEDNN"), "libnd4j build information without oneDNN: " + info);
    }
}
