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
 * Cases for TFLite's quantized element-wise activations: Sigmoid and Tanh (int8 with the fixed
 * output parameters, int16 with zero points 0 and output scale 2^-15), LeakyRelu (int8, int16;
 * alpha small, large, negative) and HardSwish (int8, uint8; output scales TFLite accepts). Input
 * scales from fine to coarse, zero points at the extremes, every value of the type in play
 * (saturating inputs). Invalid: a float input.
 */
public final class QuantizedActivationCases implements CaseGenerator {

    private static final float[] INPUT_SCALES = {0.0625f, 0.02f, 0.5f, 0.003f, 0.15f};
    private static final float[] ALPHAS = {0.01f, 0.2f, -0.5f, 1.5f};

    private final OpId op;
    private final Set<DataType> types;

    private QuantizedActivationCases(String op, Set<DataType> types) {
        this.op = OpId.of(op);
        this.types = types;
    }

    /** @return the generators of Sigmoid, Tanh, LeakyRelu and HardSwish */
    public static List<CaseGenerator> all() {
        return List.of(
                new QuantizedActivationCases("Sigmoid", Set.of(DataType.INT8, DataType.INT16)),
                new QuantizedActivationCases("Tanh", Set.of(DataType.INT8, DataType.INT16)),
                new QuantizedActivationCases("LeakyRelu", Set.of(DataType.INT8, DataType.INT16)),
                new QuantizedActivationCases("HardSwish", Set.of(DataType.INT8, DataType.UINT8)));
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return types;
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        // rank, dims x3, input scale, output scale factor, alpha
        return Gens.tuples(
                        Knobs.of(0, 3, 1, 6, 1, 6, 1, 6, 0, 4, 0, 3, 0, 3),
                        Gens.tuples(QuantGens.zeroPoint(type), QuantGens.zeroPoint(type)),
                        QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    Shape shape = Shape.of(java.util.Arrays.copyOfRange(k, 1, 1 + k[0]));
                    boolean int16 = type == DataType.INT16;
                    float inScale = int16 ? INPUT_SCALES[k[4]] / 128 : INPUT_SCALES[k[4]];
                    long inZp = int16 ? 0 : t.second().first();
                    TensorType xt = TensorType.quantized(type, shape, Quantization.perTensor(inScale, inZp));
                    Node.Builder b = Node.builder(op)
                            .name(op.toString().toLowerCase(java.util.Locale.ROOT))
                            .input(xt);
                    String name = op.toString();
                    Quantization out;
                    if (name.equals("Sigmoid") || name.equals("Tanh")) {
                        out = int16
                                ? Quantization.perTensor(1f / 32768f, 0)
                                : name.equals("Sigmoid")
                                        ? Quantization.perTensor(1f / 256f, -128)
                                        : Quantization.perTensor(1f / 128f, 0);
                    } else {
                        float factor = new float[] {1f, 0.5f, 2f, 0.1f}[k[5]];
                        long outZp = int16 ? 0 : t.second().second();
                        out = Quantization.perTensor(inScale * factor, outZp);
                        if (name.equals("LeakyRelu")) {
                            b.attr("alpha", ALPHAS[k[6]]);
                        }
                    }
                    b.outputQuantization(0, out);
                    Tensor x = QuantGens.fill(xt, t.third(), inZp);
                    return new OpCase(
                            b.build(),
                            List.of(x),
                            Set.of(
                                    "rank " + k[0],
                                    inZp == QuantGens.min(type) || inZp == QuantGens.max(type)
                                            ? "extreme zero point"
                                            : "zero point inside"));
                });
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        return Optional.of(Gens.ints(1, 4)
                .map(n -> new InvalidNode(
                        Node.builder(op)
                                .name("bad")
                                .input(TensorType.quantized(
                                        claim.dataType(), Shape.of(n), Quantization.perTensor(0.1f, 0)))
                                .input(TensorType.quantized(
                                        claim.dataType(), Shape.of(n), Quantization.perTensor(0.1f, 0)))
                                .input(TensorType.quantized(
                                        claim.dataType(), Shape.of(n), Quantization.perTensor(0.1f, 0)))
                                .build(),
                        "wrong arity: 3 inputs")));
    }
}
