package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for Resize (float32, opset 19) on [N, C, H, W] images: nearest (four nearest modes),
 * linear and cubic, coordinate transformations half_pixel, asymmetric, align_corners,
 * pytorch_half_pixel and tf_half_pixel_for_nn (nearest only), up- and down-sampling by scales or
 * by sizes, antialias. Invalid: scales of the wrong length, both scales and sizes.
 */
public final class ResizeCases implements CaseGenerator {

    private static final OpId OP = OpId.of("Resize");
    private static final String[] MODES = {"nearest", "linear", "cubic"};
    private static final String[] TRANSFORMS = {
        "half_pixel", "asymmetric", "align_corners", "pytorch_half_pixel", "tf_half_pixel_for_nn"
    };
    private static final String[] NEAREST = {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"};
    private static final float[] SCALES = {2f, 0.5f, 1f, 1.5f, 3f, 0.75f};

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.FLOAT32);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        // N, C, H, W, mode, transform, nearest mode, scale H, scale W, by sizes, antialias
        return Gens.tuples(
                        Knobs.of(1, 2, 1, 2, 1, 5, 1, 5, 0, 2, 0, 4, 0, 3, 0, 5, 0, 5, 0, 1, 0, 1), QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    String mode = MODES[k[4]];
                    String transform = TRANSFORMS[k[5]];
                    if (transform.equals("tf_half_pixel_for_nn") && !mode.equals("nearest")) {
                        transform = "half_pixel";
                    }
                    TensorType xt = TensorType.of(DataType.FLOAT32, Shape.of(k[0], k[1], k[2], k[3]));
                    Node.Builder b = Node.builder(OP)
                            .opset(19)
                            .name("resize")
                            .input(xt)
                            .absentInput()
                            .attr("mode", mode)
                            .attr("coordinate_transformation_mode", transform);
                    Tensor x = QuantGens.fillFloats(xt, t.second(), 8f);
                    List<Tensor> inputs = new ArrayList<>(List.of(x));
                    inputs.add(null);
                    float sh = SCALES[k[7]];
                    float sw = SCALES[k[8]];
                    List<String> labels = new ArrayList<>(List.of(mode, transform));
                    if (QuantGens.maybeSpecial(x, t.second())) {
                        labels.add("special values");
                    }
                    if (k[9] == 1) {
                        long oh = Math.max(1, Math.round(k[2] * sh));
                        long ow = Math.max(1, Math.round(k[3] * sw));
                        Tensor sizes = Tensor.ofLongs(Shape.of(4), k[0], k[1], oh, ow);
                        b.absentInput().constantInput(sizes);
                        inputs.add(null);
                        inputs.add(sizes);
                        labels.add("sizes");
                    } else {
                        Tensor scales = Tensor.ofFloats(Shape.of(4), 1f, 1f, sh, sw);
                        b.constantInput(scales);
                        inputs.add(scales);
                        labels.add("scales");
                    }
                    if (mode.equals("nearest")) {
                        b.attr("nearest_mode", NEAREST[k[6]]);
                    } else if (k[10] == 1) {
                        b.attr("antialias", 1L);
                        labels.add("antialias");
                    }
                    return new OpCase(b.build(), inputs, Set.copyOf(labels));
                });
    }

    @Override
    public int reductionSize(OpCase c) {
        return 16; // at most 4x4 cubic taps (more with antialias, which only averages)
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        return Optional.of(Gens.ints(1, 3)
                .map(n -> new InvalidNode(
                        Node.builder(OP)
                                .opset(19)
                                .name("resize")
                                .input(TensorType.of(DataType.FLOAT32, Shape.of(1, 1, 2, 2)))
                                .absentInput()
                                .constantInput(Tensor.ofFloats(Shape.of(n), new float[n]))
                                .build(),
                        n + " scales for rank 4")));
    }
}
