package dev.vela.runtime.audio;

import java.util.List;

/**
 * What a classifier said about a clip.
 *
 * @param label  the label of the highest score
 * @param index  its position
 * @param labels every label, in score order
 * @param scores the dequantized scores
 */
public record Classification(String label, int index, List<String> labels, float[] scores) {
    /** @return e.g. {@code yes (silence 0.0000, unknown 0.0117, yes 0.9805, no 0.0078)} */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(label).append(" (");
        for (int i = 0; i < scores.length; i++) {
            s.append(i == 0 ? "" : ", ")
                    .append(labels.get(i))
                    .append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.4f", scores[i]));
        }
        return s.append(')').toString();
    }
}
