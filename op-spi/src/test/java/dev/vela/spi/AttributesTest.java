package dev.vela.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttributesTest {

    private final Node node = Node.builder("Conv")
            .name("conv1")
            .attr("group", 2L)
            .attr("alpha", 0.5f)
            .attr("auto_pad", "VALID")
            .attr("strides", 2, 2)
            .attr("scales", 1f, 2f)
            .build();

    @Test
    void typedGetters() {
        Attributes a = node.attributes();
        assertThat(a.getInt("group")).isEqualTo(2);
        assertThat(a.getFloat("alpha")).isEqualTo(0.5f);
        assertThat(a.getFloat("group")).isEqualTo(2f);
        assertThat(a.getString("auto_pad")).isEqualTo("VALID");
        assertThat(a.getInts("strides")).containsExactly(2, 2);
        assertThat(a.getFloats("scales")).containsExactly(1f, 2f);
        assertThat(a.getInt("missing", 7)).isEqualTo(7);
        assertThat(a.typeOf("strides")).isEqualTo(AttributeType.INTS);
        assertThat(a.names()).containsExactly("group", "alpha", "auto_pad", "strides", "scales");
    }

    @Test
    void missingAttributeNamesNodeAndAttribute() {
        assertThatThrownBy(() -> node.attributes().getInts("dilations"))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessage("node 'conv1' (Conv): required attribute 'dilations' is missing");
    }

    @Test
    void wrongTypeNamesBothTypes() {
        assertThatThrownBy(() -> node.attributes().getString("group"))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessage("node 'conv1' (Conv): attribute 'group' must be STRING but is INT");
        assertThatThrownBy(() -> node.attributes().getLongs("alpha")).hasMessageContaining("must be INTS but is FLOAT");
    }

    @Test
    void outOfIntRangeIsRefused() {
        Node n = Node.builder("X").attr("big", 1L << 40).build();
        assertThatThrownBy(() -> n.attributes().getInt("big")).hasMessageContaining("out of int range");
    }

    @Test
    void stringListsAndTensors() {
        Attributes a = Attributes.builder()
                .put("names", List.of("a", "b"))
                .put("value", Tensor.ofFloats(Shape.of(1), 3f))
                .build();
        assertThat(a.getStrings("names")).containsExactly("a", "b");
        assertThat(a.getTensor("value").isReadOnly()).isTrue();
        assertThat(a.getTensor("value").toFloatArray()).containsExactly(3f);
    }
}
