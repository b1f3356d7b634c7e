package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.cases.TensorGens;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for ONNX Clip: from opset 11 the optional min and max inputs (each present or absent, a
 * scalar or a one-element vector, min possibly above max, NaN in X); for float32, float16 and float64
 * also the opset-6 form with {@code min}/{@code max} attributes. Invalid nodes: four inputs, a bound of
 * two elements, a bound of another type, a bool input.
 */
public final class ClipCases implements CaseGenerator {

    private static final OpId CLIP = OpId.of("Clip");

    @Override
    public OpId op() {
        return CLIP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Families.NUMBERS;
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        Gen<Double> value = CaseSupport.standardValues(type);
        Gen<Integer> boundForm = Gens.ints(0, 2); // 0 absent, 1 scalar, 2 [1]
        Gen<Boolean> attributeForm = Families.OLD_FLOATS.contains(type)
                ? Gens.frequency(Gens.weighted(3, Gens.constant(false)), Gens.weighted(1, Gens.constant(true)))
                : Gens.constant(false);
        return Gens.tuples(
                        Gens.tuples(CaseSupport.shapes(), CaseSupport.pool(value)),
                        Gens.tuples(boundForm, boundForm, attributeForm),
                        Gens.tuples(value, value, Gens.ints(0, 3)))
                .map(t -> {
                    TensorType x = TensorType.of(type, t.first().first());
                    Tensor xv = TensorGens.tiled(x, t.first().second());
                    double lo = t.third().first();
                    double hi = t.third().second();
                    if (t.second().third()) {
                        Node.Builder b =
                                Node.builder(CLIP).name("clip").opset(6).input(x);
                        if (t.second().first() > 0) {
                            b.attr("min", (float) lo);
                        }
                        if (t.second().second() > 0) {
                            b.attr("max", (float) hi);
                        }
                        return CaseSupport.caseOf(b.build(), List.of(xv), "opset 6 attributes");
                    }
                    // one float case in four at opset 11, the first with the bounds as inputs (a version boundary)
                    boolean first = t.third().third() == 3 && Families.OLD_FLOATS.contains(type);
                    Node.Builder b = Node.builder(CLIP).name("clip").input(x);
                    if (first) {
                        b.opset(11);
                    }
                    List<Tensor> inputs = new ArrayList<>(List.of(xv));
                    addBound(b, inputs, type, t.second().first(), lo);
                    addBound(b, inputs, type, t.second().second(), hi);
                    return CaseSupport.caseOf(b.build(), inputs, lo > hi ? "min above max" : "bounds in order");
                });
    }

    private static void addBound(Node.Builder b, List<Tensor> inputs, DataType type, int form, double v) {
        if (form == 0) {
            b.absentInput();
            return;
        }
        TensorType t = TensorType.of(type, form == 1 ? Shape.scalar() : Shape.of(1));
        b.input(t);
        inputs.add(TensorGens.tiled(t, List.of(v)));
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        DataType other = type == DataType.FLOAT32 ? DataType.INT32 : DataType.FLOAT32;
        Gen<Shape> shape = CaseSupport.shapes(0, 0);
        return Optional.of(Gens.oneOf(
                CaseSupport.wrongArity(CLIP, type, 4),
                shape.map(s -> new InvalidNode(
                        Node.builder(CLIP)
                                .name("wide-min")
                                .input(TensorType.of(type, s))
                                .input(TensorType.of(type, Shape.of(2)))
                                .build(),
                        "min of two elements")),
                shape.map(s -> new InvalidNode(
                        Node.builder(CLIP)
                                .name("mixed")
                                .input(TensorType.of(type, s))
                                .input(TensorType.of(other, Shape.scalar()))
                                .build(),
                        "min of another type")),
                shape.map(s -> new InvalidNode(
                        Node.builder(CLIP)
                                .name("bool")
                                .input(TensorType.of(DataType.BOOL, s))
                                .build(),
                        "bool input"))));
    }
}
