/**
 * The {@code vela} command line (picocli): {@code run}, {@code bench}, {@code inspect}, {@code verify} and
 * {@code onnx-suite}.
 */
package dev.vela.runtime.cli;
