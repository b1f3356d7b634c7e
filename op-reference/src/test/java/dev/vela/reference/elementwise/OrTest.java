package dev.vela.reference.elementwise;

import dev.vela.spi.KernelFactory;

class OrTest extends LogicalTest {

    private final Or factory = new Or();

    @Override
    KernelFactory factory() {
        return factory;
    }

    @Override
    long[] truthTable() {
        return new long[] {1, 1, 1, 0};
    }
}
