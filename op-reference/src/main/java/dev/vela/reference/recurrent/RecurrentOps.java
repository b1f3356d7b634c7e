package dev.vela.reference.recurrent;

import dev.vela.spi.KernelFactory;
import java.util.List;

/**
 * Float kernels of TFLite's recurrent operators, which keep their TFLite names in the {@code tflite}
 * domain (the quantized ones live in {@code quantized}). They apply the operator's {@code activation}
 * attribute themselves: for these operators it is part of the definition, not a fused epilogue.
 */
public final class RecurrentOps {

    private RecurrentOps() {}

    /** @return one factory per operator of this family */
    public static List<KernelFactory> all() {
        return List.of(new FloatSequenceLstm(), new FloatSvdf());
    }
}
