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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for quantized ReduceMean as TFLite Micro's MEAN (int8, int16): rank 1 to 4, any subset
 * of axes as a constant input (negative ones too) or all axes, keepdims 0 or 1, the output
 * quantization declared (same or rescaled, zero point at the extremes; int16 zero points 0).
 * The commonest real case, the global average over H and W of an NHWC map, comes up often.
 */
public final class QuantizedReduceMeanCases implements CaseGenerator {

    private static final OpId OP = OpId.of("ReduceMean");

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.INT8, DataType.INT16);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        // rank, dims x4, axes mask (0 = H and W of rank 4 / all), negative axes, keepdims, output scale factor
        return Gens.tuples(
                        Knobs.of(1, 4, 1, 4, 1, 5, 1, 5, 1, 4, 0, 15, 0, 1, 0, 1, 0, 3),
                        Gens.tuples(QuantGens.zeroPoint(type), QuantGens.zeroPoint(type)),
                        QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    int rank = k[0];
                    Shape shape = Shape.of(java.util.Arrays.copyOfRange(k, 1, 1 + rank));
                    List<Long> axes = new ArrayList<>();
                    int mask = k[5] == 0 ? (rank == 4 ? 0b0110 : (1 << rank) - 1) : k[5] & ((1 << rank) - 1);
                    if (mask == 0) {
                        mask = 1;
                    }
                    for (int d = 0; d < rank; d++) {
                        if ((mask & (1 << d)) != 0) {
                            axes.add(k[6] == 1 ? (long) (d - rank) : (long) d);
                        }
                    }
                    boolean int16 = type == DataType.INT16;
                    float scale = int16 ? 0.001f : 0.05f;
                    long inZp = int16 ? 0 : t.second().first();
                    long outZp = int16 ? 0 : t.second().second();
                    TensorType xt = TensorType.quantized(type, shape, Quantization.perTensor(scale, inZp));
                    Tensor axesT = Tensor.ofLongs(
                            Shape.of(axes.size()),
                            axes.stream().mapToLong(Long::longValue).toArray());
                    Node node = Node.builder(OP)
                            .name("mean")
                            .input(xt)
                            .constantInput(axesT)
                            .attr("keepdims", (long) k[7])
                            .outputQuantization(
                                    0, Quantization.perTensor(scale * new float[] {1f, 0.5f, 2f, 0.13f}[k[8]], outZp))
                            .build();
                    return new OpCase(
                            node,
                            List.of(QuantGens.fill(xt, t.third(), inZp), axesT),
                            Set.of("rank " + rank, axes.size() + " axes", k[7] == 1 ? "keepdims" : "dropped dims"));
                });
    }

    @Override
    public int reductionSize(OpCase c) {
        Shape in = c.node().inputType(0).shape();
        return Math.max(1, in.elementCount());
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        return Optional.of(Gens.ints(1, 3)
                .map(r -> new InvalidNode(
                        Node.builder(OP)
                                .name("mean")
                                .input(TensorType.quantized(
                                        claim.dataType(),
                                        Shape.of(java.util.Arrays.copyOf(new int[] {2, 2, 2}, r)),
                                        Quantization.perTensor(0.1f, 0)))
                                .constantInput(Tensor.ofLongs(Shape.of(1), r))
                                .build(),
                        "axis " + r + " out of range")));
    }
}
