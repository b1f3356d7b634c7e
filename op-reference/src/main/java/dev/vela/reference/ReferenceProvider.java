package dev.vela.reference;

import dev.vela.reference.elementwise.ElementwiseOps;
import dev.vela.reference.linalg.LinalgOps;
import dev.vela.reference.nn.NnOps;
import dev.vela.reference.quantized.QuantizedOps;
import dev.vela.reference.recurrent.RecurrentOps;
import dev.vela.reference.tensor.TensorOps;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.SpiVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The golden kernels: the definition of correct behaviour for every operator the SDK knows
 * (docs/architecture.md D1). Correct first, readable second; the runtime falls back to them for every
 * node no certified vendor kernel takes.
 */
public final class ReferenceProvider implements OperatorProvider {

    /** The provider id used in placement reports. */
    public static final String ID = "vela-reference";

    private static final ProviderInfo INFO =
            new ProviderInfo(ID, "Vela", "0.1", DeviceKind.CPU, SpiVersion.CURRENT, Integer.MIN_VALUE);

    private final List<KernelFactory> factories;

    /** Creates the provider with all reference factories. */
    public ReferenceProvider() {
        List<KernelFactory> all = new ArrayList<>();
        // quantized kernels first: they take quantized tensors and refuse plain ones, which go on to the others
        all.addAll(QuantizedOps.all());
        all.addAll(RecurrentOps.all());
        // the float kernels know nothing of TFLite's fused activation attribute: FloatFusedActivation applies it
        for (List<KernelFactory> family :
                List.of(ElementwiseOps.all(), NnOps.all(), TensorOps.all(), LinalgOps.all())) {
            for (KernelFactory f : family) {
                all.add(new FloatFusedActivation(f));
            }
        }
        factories = combineByOperator(all);
    }

    /** Keeps one factory per operator, combining several in their listed order. */
    private static List<KernelFactory> combineByOperator(List<KernelFactory> all) {
        Map<OpId, List<KernelFactory>> byOp = new LinkedHashMap<>();
        for (KernelFactory f : all) {
            byOp.computeIfAbsent(f.op(), k -> new ArrayList<>()).add(f);
        }
        List<KernelFactory> result = new ArrayList<>();
        for (List<KernelFactory> group : byOp.values()) {
            result.add(group.size() == 1 ? group.get(0) : new FirstSupportingFactory(group));
        }
        return List.copyOf(result);
    }

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public List<KernelFactory> factories() {
        return factories;
    }
}
