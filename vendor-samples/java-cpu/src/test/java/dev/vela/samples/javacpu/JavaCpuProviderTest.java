package dev.vela.samples.javacpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorProvider;
import java.util.HashSet;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JavaCpuProviderTest {

    @Test
    void isDiscoveredThroughServiceLoader() {
        Set<String> ids = ServiceLoader.load(OperatorProvider.class).stream()
                .map(p -> p.get().info().id())
                .collect(Collectors.toSet());
        assertThat(ids).contains(JavaCpuProvider.ID);
    }

    @Test
    void describesItself() {
        var info = new JavaCpuProvider().info();
        assertThat(info.id()).isEqualTo("java-cpu");
        assertThat(info.vendor()).isEqualTo("Vela samples");
        assertThat(info.deviceKind()).isEqualTo(DeviceKind.CPU);
        assertThat(info.priority()).isEqualTo(100);
    }

    @Test
    void claimsExactlyFloat32InTheRightLayouts() {
        Set<KernelClaim> all = new HashSet<>();
        Set<OpId> ops = new HashSet<>();
        for (KernelFactory f : new JavaCpuProvider().factories()) {
            assertThat(ops.add(f.op()))
                    .as("one factory per operator: " + f.op())
                    .isTrue();
            for (KernelClaim c : f.claims()) {
                assertThat(c.op()).isEqualTo(f.op());
                assertThat(c.dataType()).isEqualTo(DataType.FLOAT32);
            }
            all.addAll(f.claims());
        }
        Set<KernelClaim> expected = new HashSet<>();
        for (String spatial : new String[] {"Conv", "MaxPool", "AveragePool", "GlobalAveragePool"}) {
            expected.add(new KernelClaim(OpId.of(spatial), DataType.FLOAT32, Layout.NCHW));
            expected.add(new KernelClaim(OpId.of(spatial), DataType.FLOAT32, Layout.NHWC));
        }
        for (String free :
                new String[] {"Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Relu", "Clip", "Sigmoid", "Tanh"}) {
            expected.add(new KernelClaim(OpId.of(free), DataType.FLOAT32, Layout.ANY));
        }
        assertThat(all).isEqualTo(expected);
    }
}
