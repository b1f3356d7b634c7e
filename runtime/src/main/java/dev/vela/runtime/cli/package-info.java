/**
 * The {@code vela} command line (picocli): {@code run} and {@code onnx-suite}.
 */
package dev.vela.runtime.cli;
