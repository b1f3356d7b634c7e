/**
 * ONNX import: a hand-written decoder of the protobuf wire format (ModelProto, GraphProto, NodeProto, TensorProto, ...) into the graph IR.
 */
package dev.vela.runtime.onnx;
