package dev.vela.reference.elementwise;

import dev.vela.spi.KernelFactory;
import java.util.List;

/**
 * The reference factories for element-wise operators: arithmetic, comparisons and logic,
 * activations, Clip, Cast/CastLike, Where and the variadic Sum/Max/Min/Mean.
 */
public final class ElementwiseOps {

    private ElementwiseOps() {}

    /** @return one factory per operator of this family */
    public static List<KernelFactory> all() {
        return List.of(
                // arithmetic
                new Add(),
                new Sub(),
                new Mul(),
                new Div(),
                new Pow(),
                new Mod(),
                new Sum(),
                new Max(),
                new Min(),
                new Mean(),
                new Abs(),
                new Neg(),
                new Sign(),
                new Sqrt(),
                new Exp(),
                new Log(),
                new Reciprocal(),
                new Floor(),
                new Ceil(),
                new Round(),
                new Erf(),
                // trigonometric and hyperbolic
                new Sin(),
                new Cos(),
                new Tan(),
                new Asin(),
                new Acos(),
                new Atan(),
                new Sinh(),
                new Cosh(),
                new Asinh(),
                new Acosh(),
                new Atanh(),
                // activations
                new Relu(),
                new LeakyRelu(),
                new PRelu(),
                new Elu(),
                new Selu(),
                new Celu(),
                new Sigmoid(),
                new HardSigmoid(),
                new HardSwish(),
                new Tanh(),
                new Softplus(),
                new Softsign(),
                new Gelu(),
                new Mish(),
                new Swish(),
                new Shrink(),
                new ThresholdedRelu(),
                new Clip(),
                // bits
                new BitShift(),
                new BitwiseAnd(),
                new BitwiseOr(),
                new BitwiseXor(),
                new BitwiseNot(),
                // types, comparisons and logic
                new Cast(),
                new CastLike(),
                new Where(),
                new Equal(),
                new Less(),
                new Greater(),
                new LessOrEqual(),
                new GreaterOrEqual(),
                new Not(),
                new And(),
                new Or(),
                new Xor(),
                new IsNaN(),
                new IsInf());
    }
}
