/**
 * The runtime's exceptions, all {@link dev.vela.spi.VelaException}s: a model file that cannot be read or breaks its
 * format's rules, inputs that do not fit the model, a node that failed, a limit that was hit. They live in a package
 * of their own, below the importers, the executor and {@code Model}, so that those packages can throw them without
 * depending on each other (the library has no package cycle; {@code PackageCyclesTest}).
 */
package dev.vela.runtime.error;
