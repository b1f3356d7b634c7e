package com.acme.npu;

import dev.vela.conformance.junit.ConformanceTestBase;
import dev.vela.spi.OperatorProvider;

/** mvn test: one JUnit test per (operator, data type, layout, check) the provider claims. */
class AcmeNpuConformanceTest extends ConformanceTestBase {

    @Override
    protected OperatorProvider provider() {
        return new AcmeNpuProvider();
    }
}
