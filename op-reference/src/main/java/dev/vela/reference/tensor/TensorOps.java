package dev.vela.reference.tensor;

import dev.vela.spi.KernelFactory;
import java.util.List;

/** The reference factories for shape manipulation, indexing and constants. */
public final class TensorOps {

    private TensorOps() {}

    /** @return one factory per operator of this family */
    public static List<KernelFactory> all() {
        return List.of(
                new Reshape(),
                new Flatten(),
                new Transpose(),
                new Concat(),
                new Split(),
                new Slice(),
                new Squeeze(),
                new Unsqueeze(),
                new Gather(),
                new Identity(),
                new Dropout(),
                new Constant(),
                new Shape(),
                new Size(),
                new Expand(),
                new Tile(),
                new ConstantOfShape(),
                new Range(),
                new GatherElements(),
                new ScatterElements(),
                new Trilu(),
                new CumSum(),
                new NonZero(),
                new OneHot(),
                new EyeLike(),
                new Scatter(),
                new GatherND(),
                new ScatterND(),
                new Compress());
    }
}
