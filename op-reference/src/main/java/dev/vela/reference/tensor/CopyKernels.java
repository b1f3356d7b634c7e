package dev.vela.reference.tensor;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.spi.Kernel;
import dev.vela.spi.TensorType;

/** Kernels whose output holds the input's bytes unchanged under another shape. */
final class CopyKernels {

    private CopyKernels() {}

    /**
     * @param out the output type (same element type and count as input 0)
     * @return a kernel copying input 0 into output 0
     */
    static Kernel of(TensorType out) {
        return FunctionKernel.of(out, inv -> inv.output(0).copyFrom(inv.input(0)));
    }
}
