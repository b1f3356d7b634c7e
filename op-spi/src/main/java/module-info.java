/**
 * The stable operator SPI of the Vela Operator SDK: tensor and operator types, the kernel
 * lifecycle (provider, factory, prepared kernel) and provider discovery.
 *
 * @since 0.1
 */
module dev.vela.spi {
    exports dev.vela.spi;
    exports dev.vela.spi.admission;
    exports dev.vela.spi.semantics;

    uses dev.vela.spi.OperatorProvider;
}
