package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.node;
import static dev.vela.reference.tensor.TestTensors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdentityTest {

    private final Identity identity = new Identity();

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void copiesEveryType(DataType type) {
        Tensor x = iota(type, 2, 3);
        Tensor out =
                run(identity, node("Identity", 21, new Tensor[] {x}).build(), x).get(0);
        assertThat(out.type()).isEqualTo(x.type());
        assertThat(out.toByteArray()).isEqualTo(x.toByteArray());
    }

    @Test
    void refusesAMissingInput() {
        assertThatThrownBy(() ->
                        identity.prepare(Node.builder("Identity").name("id0").build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("id0");
    }
}
