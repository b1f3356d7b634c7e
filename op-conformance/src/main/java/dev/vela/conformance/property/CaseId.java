package dev.vela.conformance.property;

import java.util.SplittableRandom;

/**
 * Identifies one generated case: the run's seed and the case's index. The case's random source
 * and size derive from these alone, so any case regenerates on its own.
 *
 * @param seed the run's seed
 * @param index the case's position in the run (0-based)
 */
public record CaseId(long seed, int index) {

    /** The system property that asks a run to replay one case. */
    public static final String REPLAY_PROPERTY = "vela.conformance.replay";

    /**
     * @param text {@code <seed>:<index>}, as printed in replay lines
     * @return the case id
     */
    public static CaseId parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("case id must be '<seed>:<caseIndex>', got '" + text + "'");
        }
        try {
            return new CaseId(
                    Long.parseLong(text.substring(0, colon).trim()),
                    Integer.parseInt(text.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("case id must be '<seed>:<caseIndex>', got '" + text + "'", e);
        }
    }

    /** @return a fresh random source for this case, independent of all other cases */
    public SplittableRandom random() {
        return new SplittableRandom(mix(seed + 0x9E3779B97F4A7C15L * (index + 1L)));
    }

    /**
     * The index of the case generated at a size, for the first cases of a run, whose sizes
     * ({@link #size()}) differ from one case to the next.
     *
     * @param size a generation size
     * @return the case index that is generated at it, or -1 from full size on (or for a size no case has)
     */
    public static int earlyIndex(int size) {
        return size < Gen.MAX_SIZE && size >= 25 && (size - 25) % 5 == 0 ? (size - 25) / 5 : -1;
    }

    /** @return the size this case is generated at: small for the first cases, full from the 16th on */
    public int size() {
        return Math.min(Gen.MAX_SIZE, 25 + 5 * index);
    }

    /** @return {@code -Dvela.conformance.replay=<seed>:<index>} */
    public String replayArgument() {
        return "-D" + REPLAY_PROPERTY + "=" + this;
    }

    /** @return {@code <seed>:<index>} */
    @Override
    public String toString() {
        return seed + ":" + index;
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: nearby seeds give unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
