package dev.vela.samples.nativefp32;

import dev.vela.spi.Delegate;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.SpiVersion;
import java.util.List;
import java.util.Optional;

/**
 * The native-fp32 sample provider: float32 Conv (group 1, depthwise, and hybrid: int8 weights with float
 * activations), Gemm with constant weights, MaxPool/AveragePool, Add/Mul and Relu, in C++ through JavaCPP with a CPUID-chosen code path (AVX-512, AVX2,
 * portable; see {@link Dispatch}). Priority 150: ahead of the pure-Java java-cpu sample (100) when both are
 * admitted. Declared in {@code META-INF/services/dev.vela.spi.OperatorProvider}.
 */
public final class NativeFp32Provider implements OperatorProvider {

    /** The provider id, used in certificates and placement reports. */
    public static final String ID = "native-fp32";

    private static final ProviderInfo INFO =
            new ProviderInfo(ID, "Vela samples", "0.1.0", DeviceKind.CPU, SpiVersion.CURRENT, 150);

    private final Isa isa;
    private final List<KernelFactory> factories;
    private final FullyConnectedFactory gemm;

    /** Creates the provider on the path {@value Dispatch#PROPERTY} asks for (the best one by default). */
    public NativeFp32Provider() {
        this(Dispatch.fromSystemProperty());
    }

    /**
     * @param requested the code path to use, lowered to the best this CPU runs
     */
    public NativeFp32Provider(Isa requested) {
        this.isa = Dispatch.resolve(requested);
        this.gemm = new FullyConnectedFactory(isa);
        this.factories = List.of(
                new ConvFactory(isa),
                gemm,
                PoolFactory.maxPool(isa),
                PoolFactory.averagePool(isa),
                BinaryFactory.add(isa),
                BinaryFactory.mul(isa),
                new ReluFactory(isa));
    }

    /** @return the code path this provider's kernels run */
    public Isa isa() {
        return isa;
    }

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public List<KernelFactory> factories() {
        return factories;
    }

    /**
     * The delegate (SPI 1.1): chains of fully connected layers compiled into one native call each ({@link
     * Fp32Delegate}); every other node stays on the per-node kernels.
     */
    @Override
    public Optional<Delegate> delegate() {
        return Optional.of(new Fp32Delegate(gemm));
    }
}
