/**
 * The ONNX backend node-suite runner: case execution with time limits, ONNX's comparison rule, JSON and Markdown reports.
 */
package dev.vela.runtime.suite;
