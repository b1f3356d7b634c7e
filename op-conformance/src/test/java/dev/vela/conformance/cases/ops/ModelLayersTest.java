package dev.vela.conformance.cases.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.cases.OpCase;
import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The model-layer resource: every layer parses, and the reference accepts every one as a node. */
class ModelLayersTest {

    @Test
    void everyLayerParsesAndTheReferenceAcceptsIt() {
        List<ModelLayers.Layer> layers = ModelLayers.all();
        Map<String, Long> perOp = new TreeMap<>(
                layers.stream().collect(Collectors.groupingBy(l -> l.op().toString(), Collectors.counting())));
        System.out.println(layers.size() + " model layers: " + perOp);
        assertThat(layers).hasSizeGreaterThan(150);
        assertThat(perOp).containsKeys("Conv", "Gemm", "Add", "AveragePool", "Softmax");
        assertThat(layers.stream().map(ModelLayers.Layer::model).distinct())
                .contains("mobilenet_v2_quantized_1x3x224x224");
        Map<String, KernelFactory> reference = new TreeMap<>();
        new ReferenceProvider().factories().forEach(f -> reference.put(f.op().toString(), f));
        List<String> refused = new ArrayList<>();
        // the importer dequantizes hybrid (int8-weight) float layers, so every recorded layer is plain or quantized
        assertThat(layers.stream()
                        .filter(ModelLayers.Layer::hybrid)
                        .map(ModelLayers.Layer::model)
                        .distinct())
                .isEmpty();
        for (ModelLayers.Layer l : layers.stream().filter(l -> !l.hybrid()).toList()) {
            // build a case without data for the big ones: the node alone is what supports() judges
            OpCase c = ModelLayers.toCase(l, 1);
            var support = reference.get(l.op().toString()).supports(c.node());
            if (!support.isSupported()) {
                refused.add(l.model() + "/" + l.node() + ": " + support);
            }
        }
        assertThat(refused).isEmpty();
    }

    @Test
    void perAxisScalesAreSpreadOverTheRecordedRange() {
        ModelLayers.Spec s = ModelLayers.spec("int8[4x3x3x2]c{axis=0 n=4 min=0.5 max=2.0 zp=0}");
        assertThat(s.constant()).isTrue();
        float[] scales = s.type().quantization().orElseThrow().scales();
        assertThat(scales).hasSize(4).contains(0.5f, 2.0f);
        for (float v : scales) {
            assertThat(v).isBetween(0.5f, 2.0f);
        }
        assertThat(ModelLayers.spec("float32[1x2]").type().quantization()).isEmpty();
        assertThat(ModelLayers.spec("uint8[1x2]{0.25:128}")
                        .type()
                        .quantization()
                        .orElseThrow()
                        .zeroPoint())
                .isEqualTo(128);
    }

    @Test
    void theDefaultProfileCapsTheCost() {
        var claim = new dev.vela.spi.KernelClaim(dev.vela.spi.OpId.of("Conv"), dev.vela.spi.DataType.INT8, Layout.NHWC);
        assertThat(ModelLayers.matching(claim))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l.cost()).isLessThanOrEqualTo(ModelLayers.DEFAULT_COST));
        assertThat(ModelLayers.matching(claim))
                .extracting(ModelLayers.Layer::cost)
                .isSorted();
    }
}
