/**
 * Checks every importer (ONNX, TFLite, .vela) applies to the graph it built, so that what the specifications constrain
 * is refused at load with an {@link dev.vela.runtime.error.InvalidModelException} naming the file, node and tensor, instead
 * of surfacing later as a wrong result, an arithmetic overflow or an OutOfMemoryError.
 */
package dev.vela.runtime.validate;
