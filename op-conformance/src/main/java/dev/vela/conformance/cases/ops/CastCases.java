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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for ONNX Cast and CastLike from the claimed type (the 4-bit types included) to every SPI element type
 * but the 4-bit ones. Cast names its
 * target by {@code TensorProto.DataType} code (and, in one case in four, by the opset-1 type name);
 * CastLike by the type of its second input. ONNX leaves a floating value outside the target
 * integer range undefined, so floating-to-integer cases use values in [0, 100] (fractions
 * included, to test truncation); floating-to-floating cases carry NaN, ±Inf, -0 and subnormals.
 * Invalid nodes: wrong arity, an unknown target code.
 */
public final class CastCases implements CaseGenerator {

    /** ONNX {@code TensorProto.DataType} codes and opset-1 names of the SPI element types. */
    private static final Map<DataType, Integer> CODES = Map.ofEntries(
            Map.entry(DataType.FLOAT32, 1),
            Map.entry(DataType.UINT8, 2),
            Map.entry(DataType.INT8, 3),
            Map.entry(DataType.UINT16, 4),
            Map.entry(DataType.INT16, 5),
            Map.entry(DataType.INT32, 6),
            Map.entry(DataType.INT64, 7),
            Map.entry(DataType.BOOL, 9),
            Map.entry(DataType.FLOAT16, 10),
            Map.entry(DataType.FLOAT64, 11),
            Map.entry(DataType.UINT32, 12),
            Map.entry(DataType.UINT64, 13),
            Map.entry(DataType.BFLOAT16, 16));

    private static final Map<DataType, String> NAMES = Map.ofEntries(
            Map.entry(DataType.FLOAT32, "FLOAT"),
            Map.entry(DataType.UINT8, "UINT8"),
            Map.entry(DataType.INT8, "INT8"),
            Map.entry(DataType.UINT16, "UINT16"),
            Map.entry(DataType.INT16, "INT16"),
            Map.entry(DataType.INT32, "INT32"),
            Map.entry(DataType.INT64, "INT64"),
            Map.entry(DataType.BOOL, "BOOL"),
            Map.entry(DataType.FLOAT16, "FLOAT16"),
            Map.entry(DataType.FLOAT64, "DOUBLE"),
            Map.entry(DataType.UINT32, "UINT32"),
            Map.entry(DataType.UINT64, "UINT64"),
            Map.entry(DataType.BFLOAT16, "BFLOAT16"));
    private static final DataType[] TARGETS = Families.ALL.toArray(new DataType[0]);

    private final OpId op;
    private final boolean like;

    private CastCases(String op, boolean like) {
        this.op = OpId.of(op);
        this.like = like;
    }

    /** @return Cast and CastLike */
    public static List<CaseGenerator> all() {
        return List.of(new CastCases("Cast", false), new CastCases("CastLike", true));
    }

    @Override
    public OpId op() {
        return op;
    }

    /** The element types a cast starts from: every family type, and the packed 4-bit types (ONNX Cast reads them). */
    private static final Set<DataType> SOURCES = java.util.EnumSet.copyOf(Families.ALL);

    static {
        SOURCES.add(DataType.INT4);
        SOURCES.add(DataType.UINT4);
    }

    @Override
    public Set<DataType> dataTypes() {
        return java.util.Collections.unmodifiableSet(SOURCES);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType from = claim.dataType();
        Gen<Boolean> byName =
                Gens.frequency(Gens.weighted(3, Gens.constant(false)), Gens.weighted(1, Gens.constant(true)));
        return Gens.tuples(Gens.elements(TARGETS), CaseSupport.shapes(), byName).flatMap(t -> {
            DataType to = t.first();
            // opset 1 named no bfloat16
            boolean named = t.third() && from != DataType.BFLOAT16 && to != DataType.BFLOAT16;
            Gen<Double> values = from.isFloatingPoint() && !to.isFloatingPoint() && to != DataType.BOOL
                    ? Gens.floats(0f, 100f).map(Float::doubleValue)
                    : CaseSupport.standardValues(from);
            return CaseSupport.pool(values).map(pool -> {
                TensorType x = TensorType.of(from, t.second());
                Tensor xv = TensorGens.tiled(x, pool);
                if (like) {
                    TensorType target = TensorType.of(to, Shape.of(1));
                    Node node = Node.builder(op)
                            .name("castlike")
                            .input(x)
                            .input(target)
                            .build();
                    return CaseSupport.caseOf(node, List.of(xv, Tensor.allocate(target)), "to " + to.label());
                }
                Node.Builder b = Node.builder(op).name("cast").input(x);
                if (named) {
                    b.opset(1).attr("to", NAMES.get(to));
                } else {
                    b.attr("to", (long) CODES.get(to));
                }
                return CaseSupport.caseOf(b.build(), List.of(xv), "to " + to.label(), named ? "by name" : "by code");
            });
        });
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        if (like) {
            return Optional.of(Gens.oneOf(CaseSupport.wrongArity(op, type, 1), CaseSupport.wrongArity(op, type, 3)));
        }
        return Optional.of(Gens.oneOf(
                CaseSupport.wrongArity(op, type, 2),
                Gens.elements(0L, 8L, 17L, 99L)
                        .map(code -> new InvalidNode(
                                Node.builder(op)
                                        .name("cast")
                                        .input(TensorType.of(type, Shape.of(2)))
                                        .attr("to", code)
                                        .build(),
                                "unknown target code " + code))));
    }
}
