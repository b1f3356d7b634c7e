package dev.vela.runtime.bench.compare;

import dev.vela.spi.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One model input for a reference engine.
 *
 * @param name the input's name in the model
 * @param type its element type
 * @param shape its dimensions
 * @param data its elements, in machine byte order
 */
public record EngineInput(String name, DataType type, long[] shape, byte[] data) {

    /** @return the elements in a fresh direct buffer (what native engines read without another copy) */
    ByteBuffer direct() {
        ByteBuffer b = ByteBuffer.allocateDirect(data.length).order(ByteOrder.nativeOrder());
        b.put(data).flip();
        return b;
    }
}
