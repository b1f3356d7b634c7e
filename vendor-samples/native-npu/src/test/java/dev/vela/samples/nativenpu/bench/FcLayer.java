package dev.vela.samples.nativenpu.bench;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Random;

/**
 * int8 fully connected layers (Gemm, weights [out, depth] with transB) for the benchmarks: the
 * MLPerf Tiny anomaly-detection autoencoder (ad01) and keyword-spotting classifier layers, a
 * MobileNet classifier and a batched case, with their operation counts (2 per multiply-accumulate).
 *
 * @param name benchmark parameter value
 * @param rows batch rows
 * @param depth input features
 * @param out output features
 */
public record FcLayer(String name, int rows, int depth, int out) {

    /** The layers, by benchmark parameter name ({@code fc-<rows>x<depth>-<out>}). */
    public static FcLayer byName(String name) {
        return switch (name) {
            case "fc-1x640-128" -> new FcLayer(name, 1, 640, 128);
            case "fc-1x128-128" -> new FcLayer(name, 1, 128, 128);
            case "fc-1x128-8" -> new FcLayer(name, 1, 128, 8);
            case "fc-1x128-640" -> new FcLayer(name, 1, 128, 640);
            case "fc-1x1280-1000" -> new FcLayer(name, 1, 1280, 1000);
            case "fc-64x256-256" -> new FcLayer(name, 64, 256, 256);
            default -> throw new IllegalArgumentException("unknown layer " + name);
        };
    }

    /** @return integer operations per call (2 per multiply-accumulate) */
    public double ops() {
        return 2.0 * rows * depth * out;
    }

    /** @return a random input tensor */
    public Tensor input(Random r) {
        byte[] b = new byte[rows * depth];
        r.nextBytes(b);
        return Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(rows, depth), Quantization.perTensor(0.05f, 3)), b);
    }

    /** @return the Gemm node with random per-tensor weights and bias, fused ReLU */
    public Node node(Random r) {
        byte[] wb = new byte[out * depth];
        r.nextBytes(wb);
        int[] bias = new int[out];
        for (int i = 0; i < out; i++) {
            bias[i] = r.nextInt(2000) - 1000;
        }
        Tensor wt = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(out, depth), Quantization.perTensor(0.004f, 0)), wb);
        return Node.builder("Gemm")
                .name(name)
                .input(input(r).type())
                .constantInput(wt)
                .constantInput(Tensor.ofInts(Shape.of(out), bias))
                .attr("transB", 1L)
                .attr("output_scale", 0.3f)
                .attr("output_zero_point", -128L)
                .attr("activation", "Relu")
                .build();
    }
}
