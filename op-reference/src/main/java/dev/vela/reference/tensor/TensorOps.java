package dev.vela.reference.tensor;

import dev.vela.spi.KernelFactory;
import java.util.List;

/** The reference factories for shape manipulation, indexing and constants. */
public final class TensorOps {

    private TensorOps() {
    }

    /** @return one factory per operator of this family */
    public static List<KernelFactory> all() {
        return List.of();
    }
}
