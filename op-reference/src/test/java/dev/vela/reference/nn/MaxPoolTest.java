package dev.vela.reference.nn;

import static dev.vela.reference.nn.NnTesting.assertClose;
import static dev.vela.reference.nn.NnTesting.assertValues;
import static dev.vela.reference.nn.NnTesting.iota;
import static dev.vela.reference.nn.NnTesting.random;
import static dev.vela.reference.nn.NnTesting.run;
import static dev.vela.reference.nn.NnTesting.toChannelsFirst;
import static dev.vela.reference.nn.NnTesting.toChannelsLast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaxPoolTest {

    private final MaxPool pool = new MaxPool();

    private static Node.Builder node(Tensor x, int... kernel) {
        return Node.builder("MaxPool").name("mp").input(x.type()).attr("kernel_shape", kernel);
    }

    @Test
    void takesWindowMaximaWithStrides() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 4, 4), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        Tensor y = run(pool, node(x, 2, 2).attr("strides", 2, 2).build(), x);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 2, 2));
        assertValues(y, 6, 8, 14, 16);
    }

    @Test
    void paddingNeverWins() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 3), -5, -7, -9);
        Tensor y = run(pool, node(x, 2).attr("pads", 1, 1).build(), x);
        assertValues(y, -5, -5, -7, -9);
    }

    @Test
    void ceilModeAddsAPartialWindowButNotOneStartingInPadding() {
        Tensor x = iota(1, 1, 1, 5);
        // kernel 2 stride 2 over 5: floor gives 2 windows, ceil 3 (the last covers only x[4])
        assertThat(run(pool, node(x, 1, 2).attr("strides", 1, 2).build(), x).shape())
                .isEqualTo(Shape.of(1, 1, 1, 2));
        Tensor ceil = run(
                pool, node(x, 1, 2).attr("strides", 1, 2).attr("ceil_mode", 1L).build(), x);
        assertValues(ceil, 1, 3, 4);
        // 2 wide, kernel 1 stride 2, pad end 1: ceil((2+1-1)/2)+1 = 2 but window 2 would start in the padding
        Tensor two = iota(1, 1, 1, 2);
        Node n = node(two, 1, 1)
                .attr("strides", 1, 2)
                .attr("pads", 0, 0, 0, 1)
                .attr("ceil_mode", 1L)
                .build();
        assertValues(run(pool, n, two), 0);
    }

    @Test
    void dilationsSpreadTheWindow() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 5), 9, 1, 1, 1, 2);
        assertValues(run(pool, node(x, 2).attr("dilations", new int[] {3}).build(), x), 9, 2);
    }

    @Test
    void indicesAreFlatInRowOrColumnMajorOrder() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 2, 2, 3), 1, 9, 2, 3, 4, 15, 0, 0, 0, 0, 0, 7);
        Node rows = node(x, 2, 2).outputs(2).build();
        List<Tensor> out = ReferenceTesting.run(pool, rows, x);
        assertValues(out.get(0), 9, 15, 0, 7);
        assertThat(out.get(1).dataType()).isEqualTo(DataType.INT64);
        // channel 0: 9 at (0,1) -> 1, 15 at (1,2) -> 5; channel 1 (offset 6): the first 0, (0,0) -> 6; 7 at (1,2) -> 11
        assertThat(out.get(1).toLongArray()).containsExactly(1, 5, 6, 11);
        List<Tensor> cols = ReferenceTesting.run(
                pool, node(x, 2, 2).outputs(2).attr("storage_order", 1L).build(), x);
        // column-major position h + w * H: (0,1) -> 2, (1,2) -> 5, (0,0) -> 0, (1,2) -> 5
        assertThat(cols.get(1).toLongArray()).containsExactly(2, 5, 6, 11);
    }

    @Test
    void nhwcMatchesNchwAndIndexesTheNhwcInput() {
        Tensor x = random(7, 2, 3, 7, 6);
        Node nchw = node(x, 3, 2)
                .attr("strides", 2, 1)
                .attr("pads", 1, 0, 1, 1)
                .attr("ceil_mode", 1L)
                .build();
        Tensor expected = run(pool, nchw, x);
        Tensor xl = toChannelsLast(x);
        Node nhwc = node(xl, 3, 2)
                .attr("strides", 2, 1)
                .attr("pads", 1, 0, 1, 1)
                .attr("ceil_mode", 1L)
                .attr("data_format", "NHWC")
                .outputs(2)
                .build();
        List<Tensor> out = ReferenceTesting.run(pool, nhwc, xl);
        assertClose(toChannelsFirst(out.get(0)), expected);
        long[] idx = out.get(1).toLongArray();
        float[] values = out.get(0).toFloatArray();
        for (int i = 0; i < idx.length; i++) {
            assertThat(xl.getDouble((int) idx[i])).isEqualTo(values[i]);
        }
    }

    @Test
    void integerInputsStayExact() {
        Tensor x = Tensor.ofBytes(TensorType.of(DataType.UINT8, 1, 1, 3), (byte) 200, (byte) 255, (byte) 3);
        Tensor y = run(pool, node(x, 2).build(), x);
        assertThat(y.dataType()).isEqualTo(DataType.UINT8);
        assertThat(y.getLong(0)).isEqualTo(255);
        assertThat(y.getLong(1)).isEqualTo(255);
    }

    @Test
    void sameUpperPadsTheEnd() {
        Tensor x = iota(1, 1, 4);
        Tensor y = run(
                pool,
                node(x, 2)
                        .attr("auto_pad", "SAME_UPPER")
                        .attr("strides", new int[] {2})
                        .build(),
                x);
        assertValues(y, 1, 3);
        Tensor z = run(pool, node(x, 3).attr("auto_pad", "SAME_LOWER").build(), x);
        assertValues(z, 1, 2, 3, 3);
    }

    @Test
    void nanIsSkippedUnlessTheWholeWindowIsNaN() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 4), Float.NaN, 2, Float.NaN, Float.NaN);
        Tensor y = run(pool, node(x, 2).attr("strides", new int[] {2}).build(), x);
        assertThat(y.getDouble(0)).isEqualTo(2);
        assertThat(y.getDouble(1)).isNaN();
    }

    @Test
    void emptyBatch() {
        Tensor x = Tensor.allocate(TensorType.of(DataType.FLOAT32, 0, 3, 4));
        assertThat(run(pool, node(x, 2).build(), x).shape()).isEqualTo(Shape.of(0, 3, 3));
    }

    @Test
    void refusesInvalidNodes() {
        Tensor x = iota(1, 1, 4, 4);
        assertThatThrownBy(() -> pool.prepare(node(x, 2).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("mp")
                .hasMessageContaining("kernel_shape");
        assertThatThrownBy(() ->
                        pool.prepare(Node.builder("MaxPool").input(x.type()).build()))
                .hasMessageContaining("kernel_shape");
        assertThatThrownBy(() ->
                        pool.prepare(node(x, 2, 2).attr("auto_pad", "same").build()))
                .hasMessageContaining("auto_pad");
        assertThatThrownBy(() -> pool.prepare(node(x, 5, 5).build())).hasMessageContaining("does not fit");
        assertThatThrownBy(() ->
                        pool.prepare(node(x, 2, 2).attr("storage_order", 2L).build()))
                .hasMessageContaining("storage_order");
        assertThatThrownBy(() -> pool.prepare(node(x, 2, 2).outputs(3).build())).hasMessageContaining("outputs");
        Tensor flat = iota(4, 4);
        assertThatThrownBy(() -> pool.prepare(node(flat, 2).build())).hasMessageContaining("rank");
        Tensor ints = Tensor.ofInts(Shape.of(1, 1, 2), 1, 2);
        assertThatThrownBy(() -> pool.prepare(node(ints, 1).build())).hasMessageContaining("int32");
        Tensor xl = iota(1, 4, 4, 1);
        assertThatThrownBy(() -> pool.prepare(node(xl, 2, 2)
                        .attr("data_format", "NHWC")
                        .attr("storage_order", 1L)
                        .outputs(2)
                        .build()))
                .hasMessageContaining("NHWC");
    }
}
