package dev.vela.conformance.custom;

import dev.vela.spi.AttributeDefinition;
import dev.vela.spi.AttributeType;
import dev.vela.spi.DataType;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ParameterDefinition;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import dev.vela.spi.TypeConstraint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** A test plugin defining {@code com.acme:Scale} (y = x * factor + shift, float32), optionally with a planted bug. */
final class ScalePlugin implements OperatorProvider {

    static final OpId SCALE = OpId.of("com.acme", "Scale");

    private final boolean bug;

    ScalePlugin(boolean bug) {
        this.bug = bug;
    }

    static OperatorDefinition definition() {
        return OperatorDefinition.builder(SCALE, 1)
                .doc("y = x * factor + shift")
                .typeConstraint(TypeConstraint.of("T", Set.of(DataType.FLOAT32), "float32"))
                .input(ParameterDefinition.required("x", "T", "input"))
                .output(ParameterDefinition.required("y", "T", "output"))
                .attribute(AttributeDefinition.required("factor", AttributeType.FLOAT, "multiplier"))
                .attribute(AttributeDefinition.withDefault("shift", 0f, "added"))
                .inference(n -> List.of(n.inputType(0)))
                .reference(new Factory(false))
                .build();
    }

    @Override
    public ProviderInfo info() {
        return ProviderInfo.of("acme-dsp", "Acme", "1.0", DeviceKind.DSP);
    }

    @Override
    public List<KernelFactory> factories() {
        return List.of(new Factory(bug));
    }

    @Override
    public List<OperatorDefinition> definitions() {
        return List.of(definition());
    }

    /** The kernel; with the bug it forgets the shift. */
    record Factory(boolean bug) implements KernelFactory {
        @Override
        public OpId op() {
            return SCALE;
        }

        @Override
        public Set<KernelClaim> claims() {
            return Set.of(KernelClaim.of(SCALE, DataType.FLOAT32));
        }

        @Override
        public Support supports(Node node) {
            try {
                prepare(node).close();
                return Support.yes();
            } catch (InvalidNodeException e) {
                return Support.no(e.getMessage());
            }
        }

        @Override
        public Kernel prepare(Node node) {
            TensorType type = node.inputCount() == 1 ? node.inputType(0) : null;
            if (type != null && type.dataType() != DataType.FLOAT32) {
                throw new InvalidNodeException(node, "float32 only");
            }
            // the schema's own check: arity, attribute names and types
            List<String> violations = definition().violations(node);
            if (!violations.isEmpty()) {
                throw new InvalidNodeException(node, String.join("; ", violations));
            }
            float factor = node.attributes().getFloat("factor");
            float shift = bug ? 0f : node.attributes().getFloat("shift", 0f);
            return new Kernel() {
                @Override
                public List<TensorType> outputTypes() {
                    return List.of(type);
                }

                @Override
                public void invoke(Invocation inv) {
                    for (int i = 0; i < type.elementCount(); i++) {
                        inv.output(0).setDouble(i, (float) (inv.input(0).getDouble(i) * factor) + shift);
                    }
                }
            };
        }
    }

    /** A float32 .npy file. */
    static byte[] npy(int[] shape, float... values) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b =
                ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93)
                .put("NUMPY".getBytes(StandardCharsets.ISO_8859_1))
                .put((byte) 1)
                .put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
