/**
 * The reference engines of {@code vela bench --compare}: ONNX Runtime for ONNX models, TensorFlow Lite for TFLite
 * models. Both are optional and never part of {@code vela.jar}: they are reached by reflection, only when asked for,
 * and their absence is reported with the way to add them.
 */
package dev.vela.runtime.bench.compare;
