package dev.vela.reference.elementwise;

import dev.vela.spi.KernelFactory;

class AndTest extends LogicalTest {

    private final And factory = new And();

    @Override
    KernelFactory factory() {
        return factory;
    }

    @Override
    long[] truthTable() {
        return new long[] {1, 0, 0, 0};
    }
}
