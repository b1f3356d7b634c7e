package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * No writes outside the output views (and scratch): each output and the scratch sit in the middle
 * of a larger buffer whose guard bytes hold a pattern that must survive the invocation. Run once
 * with direct buffers (what native code sees) and once with heap buffers (what array-based Java
 * fast paths see).
 */
public final class OutputBoundsCheck extends CaseCheck {

    /** Guard bytes before and after each region. */
    static final int GUARD = 64;

    private static final byte GUARD_PATTERN = (byte) 0xC7;

    @Override
    public String id() {
        return "output-bounds";
    }

    @Override
    public String title() {
        return "no writes outside the output views and scratch";
    }

    @Override
    protected void verify(OpCase c, ClaimContext ctx) {
        Harness.requireSupported(ctx, c.node());
        try (Kernel k = Harness.prepareVendor(ctx, c.node())) {
            List<TensorType> types = Harness.outputTypes(k);
            for (boolean direct : new boolean[] {true, false}) {
                List<ByteBuffer> regions = new ArrayList<>();
                List<Tensor> outputs = new ArrayList<>();
                for (TensorType t : types) {
                    ByteBuffer region = guarded(t.byteSize(), direct);
                    regions.add(region);
                    outputs.add(Tensor.wrap(t, region.duplicate().position(GUARD)));
                }
                ByteBuffer scratchRegion = guarded(Math.max(0, k.scratchBytes()), direct);
                ByteBuffer scratch = scratchRegion
                        .duplicate()
                        .position(GUARD)
                        .limit(GUARD + Math.max(0, k.scratchBytes()))
                        .slice()
                        .order(ByteOrder.LITTLE_ENDIAN);
                try {
                    k.invoke(Invocation.of(c.inputs(), outputs, scratch, 1, Harness.freshState(k)));
                } catch (RuntimeException e) {
                    throw new CheckFailure(
                            "invoke() threw on a supported node (" + (direct ? "direct" : "heap") + " buffers): " + e,
                            e);
                }
                String where = direct ? "direct buffer" : "heap buffer";
                for (int i = 0; i < types.size(); i++) {
                    verifyGuards(
                            regions.get(i),
                            types.get(i).byteSize(),
                            "output " + i + " (" + types.get(i) + ", " + where + ")");
                }
                verifyGuards(
                        scratchRegion,
                        Math.max(0, k.scratchBytes()),
                        "scratch (" + k.scratchBytes() + " bytes, " + where + ")");
            }
        }
    }

    private static ByteBuffer guarded(int bytes, boolean direct) {
        int size = GUARD + bytes + GUARD;
        ByteBuffer b =
                (direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size)).order(ByteOrder.LITTLE_ENDIAN);
        Harness.fill(b, GUARD_PATTERN);
        return b;
    }

    private static void verifyGuards(ByteBuffer region, int bytes, String what) {
        for (int i = GUARD - 1; i >= 0; i--) {
            if (region.get(i) != GUARD_PATTERN) {
                throw new CheckFailure("wrote before the start of " + what + ": byte " + (i - GUARD)
                        + " relative to its start changed to 0x" + String.format("%02x", region.get(i) & 0xff));
            }
        }
        for (int i = GUARD + bytes; i < GUARD + bytes + GUARD; i++) {
            if (region.get(i) != GUARD_PATTERN) {
                int past = i - GUARD - bytes;
                int last = past;
                for (int j = i; j < GUARD + bytes + GUARD; j++) {
                    if (region.get(j) != GUARD_PATTERN) {
                        last = j - GUARD - bytes;
                    }
                }
                throw new CheckFailure("wrote past the end of " + what + ": bytes +" + past + "..+" + last
                        + " after its last byte changed");
            }
        }
    }
}
