package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import java.util.List;

/** The generators of the nn and quantized families, registered together in {@code CaseGenerators.builtIn()}. */
public final class NnQuantizedCases {

    private NnQuantizedCases() {}

    /** @return one generator per operator of the nn and quantized families */
    public static List<CaseGenerator> all() {
        List<CaseGenerator> all = new java.util.ArrayList<>(List.of(
                new ConvCases(),
                PoolCases.maxPool(),
                PoolCases.averagePool(),
                PoolCases.lpPool(),
                new GlobalPoolCases("GlobalAveragePool"),
                new GlobalPoolCases("GlobalMaxPool"),
                new BatchNormalizationCases(),
                new InstanceNormalizationCases(),
                new LayerNormalizationCases(),
                new LrnCases(),
                new DepthSpaceCases("DepthToSpace"),
                new DepthSpaceCases("SpaceToDepth"),
                new PadCases(),
                new ResizeCases(),
                new ConvTransposeCases(),
                new QuantizeLinearCases(),
                new DequantizeLinearCases(),
                new DynamicQuantizeLinearCases(),
                new OnnxIntegerConvCases("QLinearConv"),
                new OnnxIntegerConvCases("ConvInteger"),
                new OnnxIntegerMatMulCases("QLinearMatMul"),
                new OnnxIntegerMatMulCases("MatMulInteger"),
                new QuantizedSoftmaxCases(),
                new QuantizedReduceMeanCases(),
                new FullyConnectedCases("Gemm"),
                new FullyConnectedCases("MatMul")));
        all.addAll(QuantizedActivationCases.all());
        all.addAll(QuantizedArithmeticCases.all());
        all.add(new QuantizedClampCases("Relu"));
        all.add(new QuantizedClampCases("Clip"));
        all.add(new SequenceLstmCases());
        all.add(new SvdfCases());
        all.addAll(HybridCases.all());
        return List.copyOf(all);
    }
}
