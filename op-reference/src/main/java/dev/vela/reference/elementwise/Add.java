package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;

/** ONNX Add: {@code C = A + B} with broadcasting. */
public final class Add extends BinaryElementwise {

    /** Creates the factory. */
    public Add() {
        super("Add", NUMBERS);
    }

    @Override
    double apply(double a, double b) {
        return a + b;
    }

    @Override
    long apply(long a, long b, DataType type) {
        return a + b;
    }
}
