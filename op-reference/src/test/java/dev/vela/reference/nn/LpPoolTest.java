package dev.vela.reference.nn;

import static dev.vela.reference.nn.NnTesting.assertValues;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class LpPoolTest {

    private final LpPool pool = new LpPool();

    @Test
    void normOfEachWindow() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 3), 3, -4, 12);
        Node l2 = Node.builder("LpPool")
                .input(x.type())
                .attr("kernel_shape", new int[] {2})
                .build();
        assertValues(NnTesting.run(pool, l2, x), 5, (float) Math.sqrt(160));
        Node l1 = Node.builder("LpPool")
                .input(x.type())
                .attr("kernel_shape", new int[] {2})
                .attr("p", 1L)
                .attr("pads", 1, 0)
                .build();
        assertValues(NnTesting.run(pool, l1, x), 3, 7, 16);
    }

    @Test
    void opsetOneTakesAFloatP() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 2), 3, -4);
        Node n = Node.builder("LpPool")
                .opset(1)
                .input(x.type())
                .attr("kernel_shape", new int[] {2})
                .attr("p", 1f)
                .build();
        assertValues(NnTesting.run(pool, n, x), 7);
    }

    @Test
    void refusesNonPositiveP() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 3), 3, -4, 12);
        Node n = Node.builder("LpPool")
                .name("lp")
                .input(x.type())
                .attr("kernel_shape", new int[] {2})
                .attr("p", 0L)
                .build();
        assertThatThrownBy(() -> pool.prepare(n)).hasMessageContaining("lp").hasMessageContaining("'p'");
    }
}
