package org.metriclab.deep.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Binary encoding of named float arrays for checkpoints (big-endian, length-prefixed). */
final class Checkpoint {
    static final int MAGIC = 0x4D4C4450; // "MLDP"

    private Checkpoint() {
    }

    static void writeArrays(DataOutputStream out, Map<String, float[]> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (Map.Entry<String, float[]> e : arrays.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            for (float f : e.getValue()) {
                out.writeFloat(f);
            }
        }
    }

    static LinkedHashMap<String, float[]> readArrays(DataInputStream in) throws IOException {
        int n = in.readInt();
        LinkedHashMap<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int length = in.readInt();
            // checkpoints are read from files, whose streams report the exact number of bytes left
            if (length < 0 || length > in.available() / Float.BYTES) {
                throw new IllegalArgumentException("checkpoint array '" + name + "' declares " + length
                        + " values, more than the file holds; the checkpoint is damaged: delete it or set resume: false");
            }
            float[] v = new float[length];
            for (int k = 0; k < v.length; k++) {
                v[k] = in.readFloat();
            }
            out.put(name, v);
        }
        return out;
    }
}
