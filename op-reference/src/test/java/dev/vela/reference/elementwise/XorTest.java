package dev.vela.reference.elementwise;

import dev.vela.spi.KernelFactory;

class XorTest extends LogicalTest {

    private final Xor factory = new Xor();

    @Override
    KernelFactory factory() {
        return factory;
    }

    @Override
    long[] truthTable() {
        return new long[] {0, 1, 1, 0};
    }
}
