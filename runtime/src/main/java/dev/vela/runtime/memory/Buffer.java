package dev.vela.runtime.memory;

/**
 * A piece of memory to place in the arena: its size and the steps during which it is live (inclusive).
 *
 * @param bytes its size
 * @param first the step that writes it first
 * @param last the last step that reads it
 */
public record Buffer(long bytes, int first, int last) {

    /** Checks the values. */
    public Buffer {
        if (bytes < 0 || first < 0 || last < first) {
            throw new IllegalArgumentException(
                    "invalid buffer: " + bytes + " bytes live over steps " + first + ".." + last);
        }
    }

    /** @return whether both are live at some common step */
    boolean overlapsInTime(Buffer o) {
        return first <= o.last && o.first <= last;
    }
}
