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
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for Pad (opset 21, every fixed-width type): rank 1 to 4, modes constant (with and without
 * constant_value), reflect, edge and wrap, asymmetric pads, cropping (negative pads) where the
 * axis is long enough, the optional {@code axes} input (negative axes too). Pads, value and axes
 * are constant inputs. Invalid: pads of the wrong length, cropping more than the input holds.
 */
public final class PadCases implements CaseGenerator {

    private static final OpId OP = OpId.of("Pad");
    private static final String[] MODES = {"constant", "reflect", "edge", "wrap"};

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(
                DataType.FLOAT32,
                DataType.FLOAT16,
                DataType.INT8,
                DataType.UINT8,
                DataType.INT16,
                DataType.INT32,
                DataType.INT64,
                DataType.BOOL);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        // rank, dims x4, mode, value present, axes subset, 8 pad knobs
        return Gens.tuples(
                        Knobs.of(1, 4, 1, 4, 1, 4, 1, 4, 1, 4, 0, 3, 0, 1, 0, 1),
                        Knobs.of(0, 4, 0, 4, 0, 4, 0, 4, 0, 4, 0, 4, 0, 4, 0, 4),
                        QuantGens.seeds())
                .map(t -> build(claim.dataType(), t.first(), t.second(), t.third()));
    }

    private static OpCase build(DataType type, int[] k, int[] p, long seed) {
        int rank = k[0];
        int[] dims = Arrays.copyOfRange(k, 1, 1 + rank);
        String mode = MODES[k[5]];
        boolean withAxes = k[7] == 1 && rank > 1;
        int[] axes = withAxes ? new int[] {-1, 0} : null; // the last and the first axis
        int n = withAxes ? 2 : rank;
        long[] pads = new long[2 * n];
        for (int i = 0; i < n; i++) {
            int axis = withAxes ? Math.floorMod(axes[i], rank) : i;
            pads[i] = pad(p[i], dims[axis], mode);
            pads[n + i] = pad(p[4 + (i % 4)], dims[axis], mode);
            if (pads[i] + pads[n + i] < -(dims[axis] - 1)) {
                pads[n + i] = 0;
            }
        }
        TensorType xt = TensorType.of(type, Shape.of(dims));
        Tensor padsT = Tensor.ofLongs(Shape.of(pads.length), pads);
        List<Tensor> inputs = new ArrayList<>(List.of(QuantGens.fillAny(xt, seed), padsT));
        Node.Builder b =
                Node.builder(OP).name("pad").input(xt).constantInput(padsT).attr("mode", mode);
        List<String> labels = new ArrayList<>(List.of(mode, "rank " + rank));
        if (mode.equals("constant") && k[6] == 1 || withAxes) {
            if (mode.equals("constant") && k[6] == 1) {
                Tensor value = QuantGens.fillAny(TensorType.of(type, Shape.of()), seed + 1);
                b.constantInput(value);
                inputs.add(value);
                labels.add("constant_value");
            } else {
                b.absentInput();
                inputs.add(null);
            }
        }
        if (withAxes) {
            Tensor axesT = Tensor.ofLongs(Shape.of(2), axes[0], axes[1]);
            b.constantInput(axesT);
            inputs.add(axesT);
            labels.add("axes");
        }
        if (Arrays.stream(pads).anyMatch(v -> v < 0)) {
            labels.add("crop");
        }
        return new OpCase(b.build(), inputs, Set.copyOf(labels));
    }

    /** Knob 0..4 to a pad: 0, 1, 2, 3 or -1 (a crop, only where the axis has 3 or more elements); reflect stays below the size. */
    private static long pad(int knob, int dim, String mode) {
        long v = knob == 4 ? (dim >= 3 ? -1 : 0) : knob;
        if (mode.equals("reflect") || mode.equals("wrap")) {
            v = Math.min(v, dim - 1);
        }
        return v;
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        Gen<InvalidNode> wrongLength = Gens.ints(1, 3).map(r -> {
            int[] dims = new int[r];
            Arrays.fill(dims, 2);
            return new InvalidNode(
                    Node.builder(OP)
                            .name("pad")
                            .input(TensorType.of(claim.dataType(), Shape.of(dims)))
                            .constantInput(Tensor.ofLongs(Shape.of(2 * r + 1), new long[2 * r + 1]))
                            .build(),
                    (2 * r + 1) + " pads for rank " + r);
        });
        Gen<InvalidNode> overCrop = Gens.ints(1, 3)
                .map(d -> new InvalidNode(
                        Node.builder(OP)
                                .name("pad")
                                .input(TensorType.of(claim.dataType(), Shape.of(d)))
                                .constantInput(Tensor.ofLongs(Shape.of(2), -d, -1))
                                .build(),
                        "crops " + (d + 1) + " of " + d));
        return Optional.of(Gens.oneOf(wrongLength, overCrop));
    }
}
