package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.spi.Kernel;
import dev.vela.spi.Tensor;
import java.util.List;

/**
 * Every output element is written: the kernel runs twice, with outputs pre-filled with two
 * different byte patterns; an element whose bytes differ between the runs kept what was there.
 */
public final class OutputCoverageCheck extends CaseCheck {

    private static final byte FIRST = (byte) 0xA5;
    private static final byte SECOND = (byte) 0x5A;

    @Override
    public String id() {
        return "output-coverage";
    }

    @Override
    public String title() {
        return "every output element is written";
    }

    @Override
    protected void verify(OpCase c, ClaimContext ctx) {
        Harness.requireSupported(ctx, c.node());
        try (Kernel k = Harness.prepareVendor(ctx, c.node())) {
            List<Tensor> first = Harness.allocate(Harness.outputTypes(k), FIRST);
            Harness.invokeVendor(k, c.inputs(), first);
            List<Tensor> second = Harness.allocate(Harness.outputTypes(k), SECOND);
            Harness.invokeVendor(k, c.inputs(), second);
            for (int i = 0; i < first.size(); i++) {
                int e = Harness.firstDifferentElement(first.get(i), second.get(i));
                if (e >= 0) {
                    boolean keptFill = keeps(first.get(i), e, FIRST) && keeps(second.get(i), e, SECOND);
                    throw new CheckFailure("output " + i + " element " + Harness.element(first.get(i), e)
                            + (keptFill
                                    ? " was never written: it kept the pre-filled pattern in both runs"
                                    : " differs between two runs with different pre-filled outputs: "
                                            + Harness.element(second.get(i), e)));
                }
            }
        }
    }

    private static boolean keeps(Tensor t, int element, byte fill) {
        int size = t.dataType().byteSize();
        for (int b = 0; b < size; b++) {
            if (t.bytes().get(element * size + b) != fill) {
                return false;
            }
        }
        return true;
    }
}
