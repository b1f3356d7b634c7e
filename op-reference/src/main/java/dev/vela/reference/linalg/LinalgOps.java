package dev.vela.reference.linalg;

import dev.vela.spi.KernelFactory;
import java.util.List;

/** The reference factories for matrix products, softmax and reductions. */
public final class LinalgOps {

    private LinalgOps() {
    }

    /** @return one factory per operator of this family */
    public static List<KernelFactory> all() {
        return List.of();
    }
}
