package dev.vela.reference.quantized;

import dev.vela.spi.KernelFactory;
import java.util.List;

/**
 * The quantized reference factories (docs/architecture.md D3), bit-exact with TFLite's reference
 * kernels. Factories for operators that also have a float kernel (Conv, Gemm, MatMul, Add, ...)
 * claim and accept only quantized int8 / uint8 / int16 inputs; the provider routes each node on
 * its input-0 element type. The dynamic-range ("hybrid") Conv and Gemm take float activations with int8
 * weights and are told apart from the float kernels by the weight type.
 */
public final class QuantizedOps {

    private QuantizedOps() {}

    /** @return one factory per operator of this family */
    public static List<KernelFactory> all() {
        return List.of(
                new QuantizedConv(),
                new QuantizedFullyConnected("Gemm"),
                new QuantizedFullyConnected("MatMul"),
                new HybridConv(),
                new HybridFullyConnected(),
                new QuantizedArithmetic(QuantizedArithmetic.Operation.ADD),
                new QuantizedArithmetic(QuantizedArithmetic.Operation.SUB),
                new QuantizedArithmetic(QuantizedArithmetic.Operation.MUL),
                new QuantizeLinear(),
                new DequantizeLinear(),
                new DynamicQuantizeLinear(),
                new QLinearConv(),
                new QLinearMatMul(),
                new ConvInteger(),
                new MatMulInteger(),
                new QuantizedConvTranspose(),
                new QuantizedPool("AveragePool"),
                new QuantizedPool("MaxPool"),
                new QuantizedReduceMean(),
                new QuantizedSoftmax(),
                new QuantizedSigmoidTanh("Sigmoid"),
                new QuantizedSigmoidTanh("Tanh"),
                new QuantizedLeakyRelu(),
                new QuantizedHardSwish(),
                new QuantizedClamp("Relu"),
                new QuantizedClamp("Clip"),
                new QuantizedSequenceLstm(),
                new QuantizedSvdf());
    }
}
