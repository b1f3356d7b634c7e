/**
 * The golden reference kernels. A module so that the runtime library's module-info can require it by a stable
 * name; only the provider's package is exported (the runtime identifies the reference by its provider class),
 * and everything else reaches the kernels through the operator SPI. On the class path, where the kit, the gate
 * and the samples use it, the descriptor has no effect.
 */
module dev.vela.reference {
    requires transitive dev.vela.spi;

    exports dev.vela.reference;

    provides dev.vela.spi.OperatorProvider with
            dev.vela.reference.ReferenceProvider;
}
