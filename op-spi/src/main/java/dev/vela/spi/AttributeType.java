package dev.vela.spi;

/**
 * The kinds of node attribute values (the ONNX attribute kinds an operator kernel can use).
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public enum AttributeType {
    /** A 64-bit integer. */
    INT,
    /** A float. */
    FLOAT,
    /** A string. */
    STRING,
    /** A list of 64-bit integers. */
    INTS,
    /** A list of floats. */
    FLOATS,
    /** A list of strings. */
    STRINGS,
    /** A constant tensor. */
    TENSOR
}
