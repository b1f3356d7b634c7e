package dev.vela.runtime.onnx;

import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.error.UnsupportedFeatureException;
import dev.vela.spi.Attributes;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;

/** Turns an ONNX Constant node's attribute into the tensor it stands for, so the graph treats it as an initializer. */
final class ConstantFolding {

    private ConstantFolding() {}

    static Tensor value(Attributes a, String node, String source) {
        if (a.names().size() != 1) {
            throw new ModelFormatException(
                    source + ": " + node + " must have exactly one value attribute, has " + a.names());
        }
        String key = a.names().iterator().next();
        return switch (key) {
            case "value" -> a.getTensor(key);
            case "value_float" -> Tensor.ofFloats(Shape.scalar(), a.getFloat(key));
            case "value_floats" -> {
                float[] v = a.getFloats(key);
                yield Tensor.ofFloats(Shape.of(v.length), v);
            }
            case "value_int" -> Tensor.ofLongs(Shape.scalar(), a.getLong(key));
            case "value_ints" -> {
                long[] v = a.getLongs(key);
                yield Tensor.ofLongs(Shape.of(v.length), v);
            }
            case "value_string", "value_strings" ->
                throw new UnsupportedFeatureException(
                        source + ": " + node + " holds a string constant; unsupported data type STRING");
            case "sparse_value" ->
                throw new UnsupportedFeatureException(source + ": " + node + " holds a sparse constant, not supported");
            default -> throw new ModelFormatException(source + ": " + node + " has unknown attribute '" + key + "'");
        };
    }
}
