package com.acme.npu;

import dev.vela.spi.DeviceKind;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import java.util.List;

/** The plugin's entry point, found by ServiceLoader: who we are and one factory per operator. */
public final class AcmeNpuProvider implements OperatorProvider {

    @Override
    public ProviderInfo info() {
        return ProviderInfo.of("acme-npu", "Acme", "1.0.0", DeviceKind.NPU);
    }

    @Override
    public List<KernelFactory> factories() {
        return List.of(new ReluFactory());
    }
}
