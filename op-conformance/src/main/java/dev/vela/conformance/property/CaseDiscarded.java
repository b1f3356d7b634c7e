package dev.vela.conformance.property;

/**
 * Thrown by a property body for a case it does not apply to (an assumption does not hold). The
 * case counts as discarded, under the given label, not as passed or failed.
 */
public final class CaseDiscarded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param label why (recorded in the statistics)
     */
    public CaseDiscarded(String label) {
        super(label, null, false, false);
    }

    /**
     * @param condition must hold for the case to count
     * @param label recorded when it does not
     */
    public static void assume(boolean condition, String label) {
        if (!condition) {
            throw new CaseDiscarded(label);
        }
    }
}
