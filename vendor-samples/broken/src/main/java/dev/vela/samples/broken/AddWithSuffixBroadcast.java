package dev.vela.samples.broken;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * BUG: broadcasting by wrapping the flat index ({@code a[i % a.size]}). That is right for equal shapes,
 * scalars and operands whose shape is a suffix of the output's ({@code [C]} added to {@code [N, C]}),
 * the cases a quick test tries, and wrong as soon as a size-1 axis is not leading, e.g. {@code [N, 1]}
 * added to {@code [N, C]} or a per-channel {@code [1, C, 1, 1]} bias. The output shape is right.
 */
final class AddWithSuffixBroadcast extends FloatFactory {

    AddWithSuffixBroadcast() {
        super("Add", Layout.ANY);
    }

    @Override
    String problem(Node node) {
        if (node.inputCount() != 2) {
            return "Add takes two inputs";
        }
        String problem = floatInputs(node, 2);
        if (problem == null
                && broadcast(node.inputType(0).shape(), node.inputType(1).shape()) == null) {
            problem = "shapes " + node.inputType(0).shape() + " and "
                    + node.inputType(1).shape() + " do not broadcast";
        }
        return problem;
    }

    /** @return the numpy broadcast of two shapes, or null if they do not broadcast */
    static Shape broadcast(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
            int db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            dims[i] = da == 1 ? db : da;
        }
        return Shape.of(dims);
    }

    @Override
    Kernel build(Node node) {
        TensorType out = TensorType.of(
                node.inputType(0).dataType(),
                broadcast(node.inputType(0).shape(), node.inputType(1).shape()));
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return List.of(out);
            }

            @Override
            public void invoke(Invocation inv) {
                FloatBuffer a = inv.input(0).floats();
                FloatBuffer b = inv.input(1).floats();
                FloatBuffer y = inv.output(0).floats();
                int na = inv.input(0).elementCount();
                int nb = inv.input(1).elementCount();
                for (int i = 0, n = out.elementCount(); i < n; i++) {
                    y.put(i, a.get(i % na) + b.get(i % nb));
                }
            }
        };
    }
}
