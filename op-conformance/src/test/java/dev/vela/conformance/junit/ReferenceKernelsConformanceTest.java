package dev.vela.conformance.junit;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.broken.DelegatingFactory;
import dev.vela.conformance.broken.TestProvider;
import dev.vela.spi.DataType;
import dev.vela.spi.OperatorProvider;

/** The vendor-facing entry point used as a vendor would: the reference Add and Relu, wrapped as a plugin, pass. */
class ReferenceKernelsConformanceTest extends ConformanceTestBase {

    @Override
    protected OperatorProvider provider() {
        return TestProvider.of(
                "reference-as-plugin",
                new DelegatingFactory("Add", DataType.FLOAT32, DataType.INT32),
                new DelegatingFactory("Relu", DataType.FLOAT32));
    }

    @Override
    protected ConformanceKit configure(ConformanceKit kit) {
        return kit.withSeed(Long.getLong("vela.conformance.seed", 20261120L));
    }
}
