package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;

/** Input values for operators that compare elements (arg-max, top-k, hardmax): often few distinct values, so ties are common. */
final class LinalgValues {

    private LinalgValues() {}

    /**
     * @param type a tensor type
     * @return half the time the standard values, half the time values in -2..2 (ties)
     */
    static Gen<Tensor> withTies(TensorType type) {
        Gen<Double> few = type.dataType().isFloatingPoint() || type.dataType().isSigned()
                ? Gens.ints(-2, 2).map(Integer::doubleValue)
                : Gens.ints(0, 3).map(Integer::doubleValue);
        Gen<Double> any = CaseSupport.standardValues(type.dataType());
        return Gens.booleans()
                .flatMap(tied -> Gens.fixedLists(tied ? few : any, type.elementCount())
                        .map(v -> {
                            Tensor t = Tensor.allocate(type);
                            for (int i = 0; i < v.size(); i++) {
                                if (type.dataType().isFloatingPoint()) {
                                    t.setDouble(i, v.get(i));
                                } else {
                                    t.setLong(i, v.get(i).longValue());
                                }
                            }
                            return t;
                        }));
    }

    /**
     * @param nodes nodes whose non-constant inputs are all data to compare
     * @return cases with tie-prone values
     */
    static Gen<OpCase> withTies(Gen<Node> nodes) {
        return nodes.flatMap(n -> {
            Gen<List<Tensor>> acc = Gens.constant(List.of());
            for (TensorType t : CaseSupport.variableInputTypes(n)) {
                acc = acc.flatMap(prefix -> withTies(t).map(x -> {
                    List<Tensor> l = new ArrayList<>(prefix);
                    l.add(x);
                    return l;
                }));
            }
            return acc.map(v -> CaseSupport.caseOf(n, v));
        });
    }
}
