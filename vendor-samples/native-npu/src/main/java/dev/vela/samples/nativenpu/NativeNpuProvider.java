package dev.vela.samples.nativenpu;

import dev.vela.spi.Delegate;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.SpiVersion;
import java.util.List;
import java.util.Optional;

/**
 * A sample operator plugin whose int8 kernels are C++ compiled by JavaCPP, standing in for an NPU
 * or DSP vendor: Conv and depthwise Conv (NHWC), Gemm (fully connected), Add, AveragePool, MaxPool,
 * Softmax, constant Pad, ReduceMean (TFLite MEAN) and Transpose, bit-exact with TFLite's reference kernels. The code path (AVX-512 VNNI, AVX2 or
 * portable) is chosen at run time from CPUID, capped by the {@value Dispatch#PROPERTY} system
 * property; see {@link Dispatch}.
 *
 * <p>Construction is cheap; the native library loads with the first factory list.
 *
 * @since 0.1
 */
public final class NativeNpuProvider implements OperatorProvider {

    /** Provider id. */
    public static final String ID = "native-npu";
    /** Selection priority: above the reference (0) and a pure-Java CPU plugin. */
    public static final int PRIORITY = 200;

    private final Isa requested;
    private volatile List<KernelFactory> factories;
    private volatile Isa isa;

    /** The provider ServiceLoader creates: code path from {@value Dispatch#PROPERTY}, else the best. */
    public NativeNpuProvider() {
        this(null);
    }

    /**
     * A provider on a given code path (tests and benchmarks compare paths in one JVM).
     *
     * @param requested the wanted path; lowered to the best the CPU runs. {@code null}: as the no-argument constructor
     */
    public NativeNpuProvider(Isa requested) {
        this.requested = requested;
    }

    @Override
    public ProviderInfo info() {
        return new ProviderInfo(ID, "Vela samples", "0.1.0", DeviceKind.NPU, SpiVersion.CURRENT, PRIORITY);
    }

    /** @return the code path this provider's kernels run on (loads the native library) */
    public Isa isa() {
        Isa i = isa;
        if (i == null) {
            synchronized (this) {
                if (isa == null) {
                    isa = requested == null ? Dispatch.fromSystemProperty() : Dispatch.resolve(requested);
                }
                i = isa;
            }
        }
        return i;
    }

    /**
     * The factories, or none when the native library cannot load on this machine (another OS or
     * CPU architecture than the jar was built for): the plugin then claims nothing instead of
     * failing the runtime's discovery, and says why on the {@code System.Logger} of this class.
     */
    @Override
    public List<KernelFactory> factories() {
        List<KernelFactory> f = factories;
        if (f == null) {
            Isa path;
            try {
                path = isa();
            } catch (LinkageError e) {
                System.getLogger(NativeNpuProvider.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                "native-npu: native kernels unavailable on " + System.getProperty("os.name") + "/"
                                        + System.getProperty("os.arch") + ", claiming nothing: " + e);
                factories = List.of();
                return factories;
            }
            f = List.of(
                    new ConvFactory(path),
                    new GemmFactory(path),
                    new AddFactory(path),
                    new PoolFactory("AveragePool", path),
                    new PoolFactory("MaxPool", path),
                    new SoftmaxFactory(path),
                    new PadFactory(path),
                    new MeanFactory(path),
                    new TransposeFactory(path));
            factories = f;
        }
        return f;
    }

    /**
     * The delegate (SPI 1.1): runs of consecutive supported int8 nodes compiled into one plan each over these
     * factories' native kernels. Empty when the native library cannot load here, as {@link #factories()} is.
     */
    @Override
    public Optional<Delegate> delegate() {
        return factories().isEmpty() ? Optional.empty() : Optional.of(new NpuDelegate(this::factories));
    }
}
