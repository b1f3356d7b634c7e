package dev.vela.samples.javacpu;

import dev.vela.samples.javacpu.elementwise.Binary;
import dev.vela.samples.javacpu.elementwise.Clip;
import dev.vela.samples.javacpu.elementwise.Unary;
import dev.vela.samples.javacpu.ops.AveragePool;
import dev.vela.samples.javacpu.ops.Conv;
import dev.vela.samples.javacpu.ops.Gemm;
import dev.vela.samples.javacpu.ops.GlobalAveragePool;
import dev.vela.samples.javacpu.ops.MatMul;
import dev.vela.samples.javacpu.ops.MaxPool;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.SpiVersion;
import java.util.List;

/**
 * The java-cpu sample provider: fast pure-Java float32 kernels for the operators that dominate
 * convolutional and fully connected networks. Declared in
 * {@code META-INF/services/dev.vela.spi.OperatorProvider}. Construction is cheap: factories hold
 * no state until they prepare a node.
 */
public final class JavaCpuProvider implements OperatorProvider {

    /** The provider id, used in certificates and placement reports. */
    public static final String ID = "java-cpu";

    private static final ProviderInfo INFO =
            new ProviderInfo(ID, "Vela samples", "0.1.0", DeviceKind.CPU, SpiVersion.CURRENT, 100);

    private final List<KernelFactory> factories = List.of(
            new Conv(),
            new Gemm(),
            new MatMul(),
            new MaxPool(),
            new AveragePool(),
            new GlobalAveragePool(),
            Binary.add(),
            Binary.sub(),
            Binary.mul(),
            Binary.div(),
            Unary.relu(),
            Unary.sigmoid(),
            Unary.tanh(),
            new Clip());

    /** Creates the provider (public no-argument constructor, as ServiceLoader requires). */
    public JavaCpuProvider() {}

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public List<KernelFactory> factories() {
        return factories;
    }
}
