package dev.vela.reference.nn;

import static dev.vela.reference.nn.NnTesting.assertValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class ResizeTest {

    private final Resize resize = new Resize();
    private final Tensor x = Tensor.ofFloats(Shape.of(1, 4), 1, 2, 3, 4);
    private final Tensor noRoi = Tensor.ofFloats(Shape.of(0));

    private Node.Builder withScales(Tensor scales) {
        return Node.builder("Resize")
                .opset(19)
                .input(x.type())
                .constantInput(noRoi)
                .constantInput(scales);
    }

    private Node.Builder withSizes(Tensor roi, Tensor sizes) {
        return Node.builder("Resize")
                .opset(19)
                .input(x.type())
                .constantInput(roi)
                .absentInput()
                .constantInput(sizes);
    }

    @Test
    void nearestModes() {
        Tensor scales = Tensor.ofFloats(Shape.of(2), 1, 0.6f); // 4 -> 2; half_pixel: x = (i + 0.5) / 0.6 - 0.5
        // i=0: 0.333 -> round 0; i=1: 2.0 -> 2
        assertValues(NnTesting.run(resize, withScales(scales).build(), x, noRoi, scales), 1, 3);
        Tensor up = Tensor.ofFloats(Shape.of(2), 1, 2);
        // asymmetric x = i / 2: 0, 0.5, 1, 1.5, ...; round_prefer_floor takes 0 for 0.5, round_prefer_ceil 1
        Node floorTie = withScales(up)
                .attr("mode", "nearest")
                .attr("coordinate_transformation_mode", "asymmetric")
                .build();
        assertValues(NnTesting.run(resize, floorTie, x, noRoi, up), 1, 1, 2, 2, 3, 3, 4, 4);
        Node ceilTie = withScales(up)
                .attr("coordinate_transformation_mode", "asymmetric")
                .attr("nearest_mode", "round_prefer_ceil")
                .build();
        assertValues(NnTesting.run(resize, ceilTie, x, noRoi, up), 1, 2, 2, 3, 3, 4, 4, 4);
        Node ceil = withScales(up)
                .attr("coordinate_transformation_mode", "asymmetric")
                .attr("nearest_mode", "ceil")
                .build();
        assertValues(NnTesting.run(resize, ceil, x, noRoi, up), 1, 2, 2, 3, 3, 4, 4, 4);
        Node floor = withScales(up)
                .attr("coordinate_transformation_mode", "asymmetric")
                .attr("nearest_mode", "floor")
                .build();
        assertValues(NnTesting.run(resize, floor, x, noRoi, up), 1, 1, 2, 2, 3, 3, 4, 4);
    }

    @Test
    void linearAlignCornersAndHalfPixel() {
        Tensor sizes = Tensor.ofLongs(Shape.of(2), 1, 7);
        Node corners = withSizes(noRoi, sizes)
                .attr("mode", "linear")
                .attr("coordinate_transformation_mode", "align_corners")
                .build();
        // x = i * 3 / 6
        assertValues(NnTesting.run(resize, corners, x, noRoi, null, sizes), 1, 1.5f, 2, 2.5f, 3, 3.5f, 4);
        Tensor half = Tensor.ofLongs(Shape.of(2), 1, 8);
        Node hp = withSizes(noRoi, half).attr("mode", "linear").build();
        // x = (i + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, ...; clamped at the edges
        assertValues(NnTesting.run(resize, hp, x, noRoi, null, half), 1, 1.25f, 1.75f, 2.25f, 2.75f, 3.25f, 3.75f, 4);
    }

    @Test
    void cubicReproducesALine() {
        Tensor line = Tensor.ofFloats(Shape.of(1, 6), 0, 1, 2, 3, 4, 5);
        Tensor sizes = Tensor.ofLongs(Shape.of(2), 1, 11);
        Node n = Node.builder("Resize")
                .opset(19)
                .input(line.type())
                .constantInput(noRoi)
                .absentInput()
                .constantInput(sizes)
                .attr("mode", "cubic")
                .attr("coordinate_transformation_mode", "align_corners")
                .build();
        Tensor y = NnTesting.run(resize, n, line, noRoi, null, sizes);
        // interior samples of a straight line are exact for any cubic convolution kernel; x = i / 2
        assertThat(y.toFloatArray()[4]).isCloseTo(2f, org.assertj.core.api.Assertions.within(1e-5f));
        assertThat(y.toFloatArray()[5]).isCloseTo(2.5f, org.assertj.core.api.Assertions.within(1e-5f));
    }

    @Test
    void tfCropAndResizeExtrapolates() {
        Tensor roi = Tensor.ofFloats(Shape.of(4), 0, 0.5f, 1, 1.5f);
        Tensor sizes = Tensor.ofLongs(Shape.of(2), 1, 3);
        Node n = withSizes(roi, sizes)
                .attr("mode", "linear")
                .attr("coordinate_transformation_mode", "tf_crop_and_resize")
                .attr("extrapolation_value", -1f)
                .build();
        // x = 0.5 * 3 + i * (1.0 * 3) / 2 = 1.5, 3.0, 4.5 (outside)
        assertValues(NnTesting.run(resize, n, x, roi, null, sizes), 2.5f, 4, -1);
    }

    @Test
    void axesAndKeepAspectRatio() {
        Tensor sizes = Tensor.ofLongs(Shape.of(2), 3, 2); // scales 3 and 0.5: not_larger picks 0.5
        Node n = withSizes(noRoi, sizes)
                .attr("keep_aspect_ratio_policy", "not_larger")
                .build();
        Tensor y = NnTesting.run(resize, n, x, noRoi, null, sizes);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2)); // round(0.5 * 1) = 1, round(0.5 * 4) = 2
        Tensor one = Tensor.ofLongs(Shape.of(1), 2);
        Node axes = withSizes(noRoi, one).attr("axes", new int[] {-1}).build();
        assertThat(NnTesting.run(resize, axes, x, noRoi, null, one).shape()).isEqualTo(Shape.of(1, 2));
        assertThat(resize.valueInputs(axes)).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void opset11TreatsEmptyScalesOrSizesAsAbsent() {
        Tensor noScales = Tensor.ofFloats(Shape.of(0));
        Tensor sizes = Tensor.ofLongs(Shape.of(2), 1, 2);
        Node n = Node.builder("Resize")
                .opset(11)
                .input(x.type())
                .constantInput(noRoi)
                .constantInput(noScales)
                .constantInput(sizes)
                .attr("coordinate_transformation_mode", "asymmetric")
                .build();
        assertValues(NnTesting.run(resize, n, x, noRoi, noScales, sizes), 1, 3);
        Tensor scales = Tensor.ofFloats(Shape.of(2), 1, 0.5f);
        Tensor noSizes = Tensor.ofLongs(Shape.of(0));
        Node m = Node.builder("Resize")
                .opset(11)
                .input(x.type())
                .constantInput(noRoi)
                .constantInput(scales)
                .constantInput(noSizes)
                .attr("coordinate_transformation_mode", "asymmetric")
                .build();
        assertValues(NnTesting.run(resize, m, x, noRoi, scales, noSizes), 1, 3);
    }

    @Test
    void opset10UsesAsymmetricFloor() {
        Tensor scales = Tensor.ofFloats(Shape.of(2), 1, 1.5f);
        Node n = Node.builder("Resize")
                .opset(10)
                .input(x.type())
                .constantInput(scales)
                .build();
        // x = i / 1.5 = 0, 0.67, 1.33, 2, 2.67, 3.33 -> floor
        assertValues(NnTesting.run(resize, n, x, scales), 1, 1, 2, 3, 3, 4);
    }

    @Test
    void refusesInvalidNodes() {
        Tensor scales = Tensor.ofFloats(Shape.of(2), 1, 2);
        Tensor sizes = Tensor.ofLongs(Shape.of(2), 1, 8);
        Node both = Node.builder("Resize")
                .name("rs")
                .opset(19)
                .input(x.type())
                .constantInput(noRoi)
                .constantInput(scales)
                .constantInput(sizes)
                .build();
        assertThatThrownBy(() -> resize.prepare(both))
                .hasMessageContaining("rs")
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() ->
                        resize.prepare(withScales(scales).attr("mode", "area").build()))
                .hasMessageContaining("mode");
        assertThatThrownBy(() ->
                        resize.prepare(withScales(scales).attr("antialias", 1L).build()))
                .hasMessageContaining("antialias");
        assertThatThrownBy(() -> resize.prepare(withScales(scales)
                        .attr("coordinate_transformation_mode", "centre")
                        .build()))
                .hasMessageContaining("coordinate_transformation_mode");
        Tensor three = Tensor.ofFloats(Shape.of(3), 1, 2, 2);
        assertThatThrownBy(() -> resize.prepare(withScales(three).build())).hasMessageContaining("2 values");
        Node unknown = Node.builder("Resize")
                .opset(19)
                .input(x.type())
                .constantInput(noRoi)
                .input(scales.type())
                .build();
        assertThatThrownBy(() -> resize.prepare(unknown)).hasMessageContaining("constant");
    }
}
