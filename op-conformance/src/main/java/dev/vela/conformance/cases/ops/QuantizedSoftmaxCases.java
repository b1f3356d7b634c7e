package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for quantized Softmax as TFLite's (int8, uint8, int16): rank 1 to 3 over the last axis,
 * beta 1, 0.5 or 2, input scales from fine to coarse, zero points at the extremes (int16: 0),
 * every output TFLite defines (int8 -> int8 1/256 zp -128 or int16 1/65536 zp -32768, uint8 ->
 * uint8 1/256, int16 -> int16 2^-15), plus the Softmax layers of the real models.
 */
public final class QuantizedSoftmaxCases implements CaseGenerator {

    private static final OpId OP = OpId.of("Softmax");
    private static final float[] INPUT_SCALES = {0.0625f, 0.1f, 0.5f, 0.02f, 1f};
    private static final float[] BETAS = {1f, 0.5f, 2f};

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.INT8, DataType.UINT8, DataType.INT16);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        // rank, dims x3, input scale, beta, int16 output (int8 input)
        Gen<OpCase> generated = Gens.tuples(Knobs.of(1, 3, 1, 4, 1, 4, 1, 12, 0, 4, 0, 2, 0, 1), QuantGens.zeroPoint(type),
                QuantGens.seeds()).map(t -> {
                    int[] k = t.first();
                    Shape shape = Shape.of(java.util.Arrays.copyOfRange(k, 1, 1 + k[0]));
                    float scale = type == DataType.INT16 ? INPUT_SCALES[k[4]] / 256 : INPUT_SCALES[k[4]];
                    TensorType xt = TensorType.quantized(type, shape, Quantization.perTensor(scale, t.second()));
                    Tensor x = QuantGens.fill(xt, t.third(), t.second());
                    Node.Builder b = Node.builder(OP).name("softmax").input(xt).attr("beta", BETAS[k[5]]);
                    String out;
                    if (type == DataType.INT16) {
                        b.outputQuantization(0, Quantization.perTensor(1f / 32768f, 0));
                        out = "int16 out";
                    } else if (type == DataType.INT8 && k[6] == 1) {
                        b.outputDataType(0, DataType.INT16).outputQuantization(0, Quantization.perTensor(1f / 65536f, -32768));
                        out = "int16 out";
                    } else {
                        b.outputQuantization(0, Quantization.perTensor(1f / 256f, type == DataType.INT8 ? -128 : 0));
                        out = type.label() + " out";
                    }
                    return new OpCase(b.build(), List.of(x), Set.of("rank " + k[0], out, "beta " + BETAS[k[5]]));
                });
        return ModelLayers.mixedInto(generated, claim);
    }

    @Override
    public int reductionSize(OpCase c) {
        Shape s = c.node().inputType(0).shape();
        return s.dim(s.rank() - 1);
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        return Optional.of(Gens.ints(2, 4).map(n -> new InvalidNode(Node.builder(OP).name("softmax")
                .input(TensorType.quantized(type, Shape.of(n, 3), Quantization.perTensor(0.1f, 0))).attr("axis", 0L)
                .outputQuantization(0, Quantization.perTensor(type == DataType.INT16 ? 1f / 32768f : 1f / 256f,
                        type == DataType.INT8 ? -128 : 0)).build(), "axis 0 (TFLite: last axis only)")));
    }
}
