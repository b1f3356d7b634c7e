package dev.vela.runtime.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemoryPlannerTest {

    @Test
    void lowerBoundIsTheLargestSumOfLiveSizes() {
        // step 0: 100, step 1: 100 + 200, step 2: 200 + 50, step 3: 50
        List<Buffer> buffers = List.of(new Buffer(100, 0, 1), new Buffer(200, 1, 2), new Buffer(50, 2, 3));
        assertThat(MemoryPlanner.lowerBound(buffers)).isEqualTo(300);
        MemoryPlan plan = MemoryPlanner.plan(buffers);
        assertThat(plan.lowerBoundBytes()).isEqualTo(300);
        // earliest-first wins here: 100 @0, 200 @128 (aligned), 50 reuses [0, 128) once the first is dead
        assertThat(plan.offsets()).containsExactly(0, 128, 0);
        assertThat(plan.arenaBytes()).isEqualTo(328);
        assertThat(plan.ratio()).isEqualTo(328 / 300.0);
    }

    @Test
    void chainReusesMemoryDownToTheLowerBound() {
        // a chain where each tensor lives from its producer to its consumer: two live at a time
        List<Buffer> buffers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            buffers.add(new Buffer(1024, i, i + 1));
        }
        MemoryPlan plan = MemoryPlanner.plan(buffers);
        assertThat(plan.lowerBoundBytes()).isEqualTo(2048);
        assertThat(plan.arenaBytes()).isEqualTo(2048);
    }

    @Test
    void bestFitTakesTheSmallestGapThatFits() {
        // step 0 needs 4096; at step 1 the 3000- and 1000-byte buffers sit at 0 and 3008; at step 2 only the
        // 1000-byte one is live, so the 60-byte one goes into the hole at 0
        List<Buffer> buffers =
                List.of(new Buffer(4096, 0, 0), new Buffer(1000, 1, 3), new Buffer(3000, 1, 1), new Buffer(60, 2, 2));
        MemoryPlan plan = MemoryPlanner.plan(buffers);
        assertThat(plan.lowerBoundBytes()).isEqualTo(4096);
        assertThat(plan.arenaBytes()).isEqualTo(4096);
        assertThat(plan.offsets()[3]).isZero();
        assertNoConflicts(buffers, plan);
    }

    @Test
    void emptyBuffersTakeNoRoom() {
        MemoryPlan plan = MemoryPlanner.plan(List.of(new Buffer(0, 0, 5), new Buffer(64, 0, 5)));
        assertThat(plan.arenaBytes()).isEqualTo(64);
        assertThat(MemoryPlanner.plan(List.of()).arenaBytes()).isZero();
        assertThat(MemoryPlanner.plan(List.of()).ratio()).isEqualTo(1.0);
    }

    @Test
    void randomBuffersNeverOverlapWhileLiveAndStayAligned() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<Buffer> buffers = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                int first = random.nextInt(60);
                buffers.add(new Buffer(1 + random.nextInt(5000), first, first + random.nextInt(10)));
            }
            MemoryPlan plan = MemoryPlanner.plan(buffers);
            assertNoConflicts(buffers, plan);
            assertThat(plan.arenaBytes()).isGreaterThanOrEqualTo(plan.lowerBoundBytes());
            for (long offset : plan.offsets()) {
                assertThat(offset % MemoryPlanner.ALIGNMENT).isZero();
            }
        }
    }

    @Test
    void invalidLifetimesAreRefused() {
        assertThatThrownBy(() -> new Buffer(8, 3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("steps 3..2");
        assertThatThrownBy(() -> new Buffer(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertNoConflicts(List<Buffer> buffers, MemoryPlan plan) {
        long[] o = plan.offsets();
        for (int i = 0; i < buffers.size(); i++) {
            Buffer a = buffers.get(i);
            assertThat(o[i] + a.bytes()).isLessThanOrEqualTo(plan.arenaBytes());
            for (int j = i + 1; j < buffers.size(); j++) {
                Buffer b = buffers.get(j);
                boolean liveTogether = a.first() <= b.last() && b.first() <= a.last();
                boolean spaceOverlaps =
                        a.bytes() > 0 && b.bytes() > 0 && o[i] < o[j] + b.bytes() && o[j] < o[i] + a.bytes();
                assertThat(liveTogether && spaceOverlaps)
                        .as("buffers " + i + " and " + j)
                        .isFalse();
            }
        }
    }
}
