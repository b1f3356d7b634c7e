package dev.vela.runtime.partition;

import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.OpId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One admitted provider as the partitioner sees it (already in preference order): its factories by operator and the
 * claims it may serve.
 */
final class Candidate {

    private final String id;
    private final Map<OpId, KernelFactory> factories;
    /** The admitted claims; {@code null} means every claim of its factories (the fallback provider). */
    private final Set<KernelClaim> admitted;
    /** The numerics flavour its certificate was issued for; {@code null}: any (reference, uncertified). */
    private final NumericsFlavour numerics;

    private final boolean reference;

    Candidate(String id, List<KernelFactory> factories, Set<KernelClaim> admitted) {
        this(id, factories, admitted, null);
    }

    Candidate(String id, List<KernelFactory> factories, Set<KernelClaim> admitted, NumericsFlavour numerics) {
        this(id, factories, admitted, numerics, false);
    }

    Candidate(
            String id,
            List<KernelFactory> factories,
            Set<KernelClaim> admitted,
            NumericsFlavour numerics,
            boolean reference) {
        this.id = id;
        this.numerics = numerics;
        this.reference = reference;
        Map<OpId, KernelFactory> byOp = new HashMap<>();
        for (KernelFactory f : factories) {
            byOp.putIfAbsent(f.op(), f);
        }
        this.factories = Map.copyOf(byOp);
        this.admitted = admitted == null ? null : Set.copyOf(admitted);
    }

    String id() {
        return id;
    }

    /** @return whether this is the golden reference provider */
    boolean reference() {
        return reference;
    }

    Optional<KernelFactory> factory(OpId op) {
        return Optional.ofNullable(factories.get(op));
    }

    Map<OpId, KernelFactory> factories() {
        return factories;
    }

    /**
     * @param node a node
     * @param claim its claim
     * @return why this provider may not run the node's numerics (D15), or null when it may: a quantized node (int8,
     *     uint8 or int16) must carry the flavour the provider's certificate was issued for; a float node that carries
     *     a flavour other than {@code tflm} (Conv, Gemm, AveragePool under {@code tflite}: TFLite's summation order,
     *     bit for bit, because in a dynamic-range model a last-bit difference moves the next layer's on-the-fly
     *     quantization step) runs only on the reference, since certified float kernels are certified within the
     *     float tolerance policy, not for a summation order
     */
    String numericsProblem(Node node, KernelClaim claim) {
        DataType t = claim.dataType();
        if (numerics == null) {
            return null;
        }
        boolean quantized = t == DataType.INT8 || t == DataType.UINT8 || t == DataType.INT16;
        if (!quantized && !node.attributes().has(NumericsFlavour.ATTRIBUTE)) {
            return null;
        }
        NumericsFlavour wanted;
        try {
            wanted = NumericsFlavour.of(node);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        if (!quantized) {
            return wanted == NumericsFlavour.TFLM
                    ? null
                    : "float kernels are certified within the float tolerance, the node needs numerics "
                            + wanted.label() + "'s exact summation order (the reference's)";
        }
        return wanted == numerics
                ? null
                : "certified for numerics " + numerics.label() + ", the node needs " + wanted.label();
    }

    /** @return whether the claim (or its layout-independent form) is admitted */
    boolean admits(KernelClaim claim) {
        return admitted == null
                || admitted.contains(claim)
                || admitted.contains(KernelClaim.of(claim.op(), claim.dataType()));
    }
}
