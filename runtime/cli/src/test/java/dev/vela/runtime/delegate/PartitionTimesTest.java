package dev.vela.runtime.delegate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.bench.OpProfile;
import dev.vela.runtime.bench.PartitionTimes;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code vela bench}'s delegate table on {@link DelegationTest}'s toy model (two partitions, float32[1,4] values): time
 * per partition from the profiled runs and the boundary copies of each invocation. In this package for the runtime's
 * test helpers.
 */
class PartitionTimesTest {

    @Test
    void benchReportsTimePerPartitionAndItsBoundaryCopies() {
        Model m = DelegationTest.model(DelegationTest.delegate(ElementwiseDelegate::runsOfClaimed));
        Map<String, Tensor> feed = Map.of("x", Tensor.ofFloats(Shape.of(1, 4), -2f, -0.5f, 0.25f, 3f));
        try (Session s = m.newSession().withProfiling(true)) {
            OpProfile profile = new OpProfile();
            for (int i = 0; i < 3; i++) {
                s.run(feed);
                profile.add(s.lastProfile());
            }
            List<PartitionTimes.Row> rows = PartitionTimes.of(m.delegation(), profile.rows(), s.nodeTypes());
            // test-npu#0 reads x and writes a and b; test-npu#1 reads b, s and a and writes y
            assertThat(rows)
                    .extracting(r -> r.partition() + " " + r.nodes() + " nodes, in " + r.inputCopies() + "/"
                            + r.inputBytes() + " B, out " + r.outputCopies() + "/" + r.outputBytes() + " B")
                    .containsExactly(
                            "test-npu#0 2 nodes, in 1/16 B, out 2/32 B", "test-npu#1 2 nodes, in 3/48 B, out 1/16 B");
            assertThat(rows).allSatisfy(r -> assertThat(r.ms()).isPositive());
            StringWriter text = new StringWriter();
            PartitionTimes.print(rows, new PrintWriter(text, true));
            assertThat(text.toString())
                    .contains("boundary copies per invocation: 7 tensors, 112 bytes in all")
                    .contains("test-npu#1");
        }
        assertThat(PartitionTimes.of(java.util.Optional.empty(), List.of(), List.of()))
                .isEmpty();
    }
}
