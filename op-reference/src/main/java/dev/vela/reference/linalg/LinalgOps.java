package dev.vela.reference.linalg;

import dev.vela.spi.KernelFactory;
import java.util.List;

/** The reference factories for matrix products, softmax and reductions. */
public final class LinalgOps {

    private LinalgOps() {}

    /** @return one factory per operator of this family */
    public static List<KernelFactory> all() {
        return List.of(
                new Gemm(),
                new MatMul(),
                new Softmax(),
                new LogSoftmax(),
                new Hardmax(),
                new ReduceSum(),
                new ReduceMean(),
                new ReduceMax(),
                new ReduceMin(),
                new ReduceProd(),
                new ReduceL1(),
                new ReduceL2(),
                new ReduceLogSum(),
                new ReduceLogSumExp(),
                new ReduceSumSquare(),
                new ArgMax(),
                new ArgMin(),
                new TopK());
    }
}
