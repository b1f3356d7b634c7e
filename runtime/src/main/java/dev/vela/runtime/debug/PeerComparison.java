package dev.vela.runtime.debug;

import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One model output of {@code vela diff --peer}: Vela's value against a peer engine's (TFLite or ONNX Runtime), which
 * exposes outputs only. The peer's bytes are read with Vela's output type (the engines return raw machine-order
 * bytes); a size mismatch is reported, not compared.
 *
 * @param output the output's name
 * @param vela Vela's value
 * @param maxAbsDiff the largest absolute element difference (NaN when not compared)
 * @param mismatches elements outside the tolerance
 * @param worstIndex flat index of the largest difference
 * @param peerElement the peer's element at {@code worstIndex}
 * @param note why the output was not compared element by element, else empty
 */
public record PeerComparison(
        String output,
        Tensor vela,
        double maxAbsDiff,
        int mismatches,
        int worstIndex,
        double peerElement,
        String note) {

    /** @return whether the output is within the tolerance */
    public boolean agrees() {
        return note.isEmpty() && mismatches == 0;
    }

    /**
     * @param outputs the model's outputs, in order
     * @param vela Vela's outputs by name
     * @param peer the peer's outputs, in the same order
     * @param tolerance when elements count as equal
     * @return one comparison per output
     */
    public static List<PeerComparison> compare(
            List<ValueSpec> outputs, Map<String, Tensor> vela, List<byte[]> peer, DiffTolerance tolerance) {
        List<PeerComparison> list = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            String name = outputs.get(i).name();
            Tensor mine = vela.get(name);
            byte[] theirs = i < peer.size() ? peer.get(i) : null;
            if (theirs == null || theirs.length != mine.type().byteSize()) {
                list.add(new PeerComparison(
                        name,
                        mine,
                        Double.NaN,
                        0,
                        0,
                        Double.NaN,
                        "the peer gives "
                                + (theirs == null ? "no value" : theirs.length + " bytes") + ", Vela's " + mine.type()
                                + " has "
                                + mine.type().byteSize()));
                continue;
            }
            Tensor other = Tensor.wrap(
                    mine.type(),
                    ByteBuffer.wrap(theirs).order(ByteOrder.nativeOrder()).order(ByteOrder.LITTLE_ENDIAN));
            boolean floats = mine.dataType().isFloatingPoint();
            double max = 0;
            int worst = 0;
            int outside = 0;
            for (int k = 0; k < mine.elementCount(); k++) {
                double a = floats ? mine.getDouble(k) : mine.getLong(k);
                double e = floats ? other.getDouble(k) : other.getLong(k);
                double d = Math.abs(a - e);
                boolean ok = floats ? tolerance.floatsAgree(a, e) : d <= tolerance.integerSteps();
                if (!ok) {
                    outside++;
                }
                if (d > max || Double.isNaN(d) && !Double.isNaN(max)) {
                    max = d;
                    worst = k;
                }
            }
            list.add(new PeerComparison(
                    name, mine, max, outside, worst, floats ? other.getDouble(worst) : other.getLong(worst), ""));
        }
        return list;
    }
}
