package dev.vela.runtime.tflite;

import java.nio.ByteBuffer;

/**
 * One entry of the model's buffers: the raw little-endian bytes of a constant tensor (a read-only
 * view into the file, not a copy), empty for tensors without data.
 *
 * @param index position in the model's buffer list
 * @param data the bytes
 */
public record TfliteBuffer(int index, ByteBuffer data) {

    /** Number of data bytes. */
    public int size() {
        return data.remaining();
    }

    /** A fresh read-only little-endian view, independent of other readers' positions. */
    public ByteBuffer view() {
        return data.duplicate().order(data.order());
    }
}
