package dev.vela.it.plantedbug;

import dev.vela.samples.nativenpu.NativeNpuProvider;
import dev.vela.samples.nativenpu.PlantedBugNpuDelegate;
import dev.vela.spi.Delegate;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.SpiVersion;
import java.util.List;
import java.util.Optional;

/** native-npu's per-node kernels with its planted-bug delegate. */
public final class PlantedBugProvider implements OperatorProvider {

    private final NativeNpuProvider npu = new NativeNpuProvider();

    @Override
    public ProviderInfo info() {
        return new ProviderInfo("planted-bug-npu", "Vela integration tests", "1.0", DeviceKind.NPU, SpiVersion.CURRENT,
                npu.info().priority());
    }

    @Override
    public List<KernelFactory> factories() {
        return npu.factories();
    }

    @Override
    public Optional<Delegate> delegate() {
        return Optional.of(new PlantedBugNpuDelegate(npu::factories));
    }
}
