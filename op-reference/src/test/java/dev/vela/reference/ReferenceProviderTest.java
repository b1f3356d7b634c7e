package dev.vela.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderDiscovery;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReferenceProviderTest {

    @Test
    void isDiscoverableAndRanksLowest() {
        List<OperatorProvider> found = ProviderDiscovery.discover(getClass().getClassLoader());
        assertThat(found).anySatisfy(p -> assertThat(p.info().id()).isEqualTo(ReferenceProvider.ID));
        assertThat(new ReferenceProvider().info().priority()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void hasOneFactoryPerOperatorEachWithClaims() {
        List<KernelFactory> factories = new ReferenceProvider().factories();
        Set<OpId> ops = factories.stream().map(KernelFactory::op).collect(Collectors.toSet());
        assertThat(ops).hasSize(factories.size());
        assertThat(factories)
                .allSatisfy(f -> assertThat(f.claims())
                        .isNotEmpty()
                        .allSatisfy(c -> assertThat(c.op()).isEqualTo(f.op())));
    }

    /** Accepts only inputs of one type and remembers it in its output type. */
    private static KernelFactory acceptingOnly(DataType type) {
        return new KernelFactory() {
            @Override
            public OpId op() {
                return OpId.of("Op");
            }

            @Override
            public Set<KernelClaim> claims() {
                return Set.of(KernelClaim.of(op(), type));
            }

            @Override
            public Support supports(Node node) {
                return node.inputType(0).dataType() == type ? Support.yes() : Support.no("only " + type.label());
            }

            @Override
            public Kernel prepare(Node node) {
                if (!supports(node).isSupported()) {
                    throw new InvalidNodeException(node, "only " + type.label());
                }
                return dev.vela.reference.support.FunctionKernel.of(TensorType.of(type, 1), inv -> {});
            }
        };
    }

    @Test
    void combinedFactoryRoutesToTheFirstThatAccepts() {
        FirstSupportingFactory f =
                new FirstSupportingFactory(List.of(acceptingOnly(DataType.INT8), acceptingOnly(DataType.FLOAT32)));
        assertThat(f.claims()).hasSize(2);
        Node floatNode =
                Node.builder("Op").input(TensorType.of(DataType.FLOAT32, 1)).build();
        assertThat(f.prepare(floatNode).outputTypes().get(0).dataType()).isEqualTo(DataType.FLOAT32);
        Node int8Node =
                Node.builder("Op").input(TensorType.of(DataType.INT8, 1)).build();
        assertThat(f.prepare(int8Node).outputTypes().get(0).dataType()).isEqualTo(DataType.INT8);
    }

    @Test
    void combinedFactoryGivesEveryReasonWhenNoneAccepts() {
        FirstSupportingFactory f =
                new FirstSupportingFactory(List.of(acceptingOnly(DataType.INT8), acceptingOnly(DataType.FLOAT32)));
        Node node = Node.builder("Op")
                .name("n")
                .input(TensorType.of(DataType.INT64, 1))
                .build();
        assertThat(f.supports(node).reason()).isEqualTo("only int8; only float32");
        assertThatThrownBy(() -> f.prepare(node))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'n' (Op)")
                .hasMessageContaining("only int8; only float32");
    }
}
