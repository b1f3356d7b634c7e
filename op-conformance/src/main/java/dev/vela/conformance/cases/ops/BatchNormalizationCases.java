package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for BatchNormalization (float32, NCHW and NHWC): rank 2 to 4, inference with given
 * statistics (variance positive, epsilon varied) and training mode with the running-statistics
 * outputs. Invalid nodes: per-channel inputs of the wrong length, four inputs.
 */
public final class BatchNormalizationCases implements CaseGenerator {

    private static final OpId OP = OpId.of("BatchNormalization");

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.FLOAT32);
    }

    @Override
    public Set<Layout> layouts() {
        return Set.of(Layout.NCHW, Layout.NHWC);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        // batch, channels, spatial rank, H, W, training (0 none, 1 one output, 2 three outputs), epsilon
        return Gens.tuples(Knobs.of(1, 3, 1, 4, 0, 2, 1, 4, 1, 4, 0, 2, 0, 2), QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    long seed = t.second();
                    int c = k[1];
                    int[] spatial = Arrays.copyOfRange(new int[] {k[3], k[4]}, 0, k[2]);
                    TensorType xt =
                            TensorType.of(DataType.FLOAT32, Activations.shape(claim.layout(), k[0], c, spatial));
                    TensorType ct = TensorType.of(DataType.FLOAT32, Shape.of(c));
                    Tensor var = QuantGens.fillFloats(ct, seed + 4, 2f);
                    for (int i = 0; i < c; i++) {
                        var.setDouble(i, Math.abs(var.getDouble(i)) + 0.01);
                    }
                    List<Tensor> inputs = List.of(
                            QuantGens.fillFloats(xt, seed, 8f),
                            QuantGens.fillFloats(ct, seed + 1, 2f),
                            QuantGens.fillFloats(ct, seed + 2, 2f),
                            QuantGens.fillFloats(ct, seed + 3, 2f),
                            var);
                    Node.Builder b = Node.builder(OP)
                            .name("bn")
                            .input(xt)
                            .input(ct)
                            .input(ct)
                            .input(ct)
                            .input(ct);
                    Activations.layout(b, claim.layout());
                    b.attr("epsilon", new float[] {1e-5f, 1e-3f, 0.1f}[k[6]]);
                    List<String> labels = new ArrayList<>(
                            List.of(claim.layout().name(), "rank " + xt.shape().rank()));
                    if (k[5] > 0) {
                        b.attr("training_mode", 1L).attr("momentum", 0.8f);
                        labels.add("training");
                        if (k[5] == 2) {
                            b.outputs(3);
                        }
                    }
                    return new OpCase(b.build(), inputs, Set.copyOf(labels));
                });
    }

    @Override
    public int reductionSize(OpCase c) {
        Shape s = c.node().inputType(0).shape();
        return Math.max(
                1, s.elementCount() / Math.max(1, c.node().inputType(1).shape().dim(0)));
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        Gen<InvalidNode> wrongLength = Gens.ints(1, 4).map(c -> {
            TensorType xt = TensorType.of(DataType.FLOAT32, Activations.shape(claim.layout(), 1, c, 2, 2));
            TensorType wrong = TensorType.of(DataType.FLOAT32, Shape.of(c + 1));
            Node.Builder b = Node.builder(OP)
                    .name("bn")
                    .input(xt)
                    .input(wrong)
                    .input(wrong)
                    .input(wrong)
                    .input(wrong);
            return new InvalidNode(
                    Activations.layout(b, claim.layout()).build(),
                    "statistics of " + (c + 1) + " for " + c + " channels");
        });
        Gen<InvalidNode> fourInputs = Gens.ints(1, 4).map(c -> {
            TensorType xt = TensorType.of(DataType.FLOAT32, Activations.shape(claim.layout(), 1, c, 2, 2));
            TensorType ct = TensorType.of(DataType.FLOAT32, Shape.of(c));
            Node.Builder b =
                    Node.builder(OP).name("bn").input(xt).input(ct).input(ct).input(ct);
            return new InvalidNode(Activations.layout(b, claim.layout()).build(), "wrong arity: 4 inputs");
        });
        return Optional.of(Gens.oneOf(wrongLength, fourInputs));
    }
}
