package dev.vela.reference.quantized;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.Set;

/**
 * ReduceMean on int8 / int16 as TFLite Micro's MEAN ({@code QuantizedMeanOrSum}): an int32 sum
 * per output, the zero point times the count subtracted, and one fixed-point multiplier
 * {@code s_in / s_out} folded with 1/count ({@code (m << shift) / count} with
 * {@code shift = min(floor(log2 count), 32, 31 + s)}). Axes from the {@code axes} attribute or a
 * constant input 1; {@code keepdims} as ONNX (default 1).
 */
public final class QuantizedReduceMean extends ReferenceKernelFactory {

    private static final Set<DataType> TYPES = EnumSet.of(DataType.INT8, DataType.INT16);

    /** Creates the factory. */
    public QuantizedReduceMean() {
        super("ReduceMean", TYPES);
    }

    /** The axes input decides the output shape. */
    @Override
    public Set<Integer> valueInputs(Node node) {
        return Set.of(1);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 2);
        TensorType in = QuantizedTensors.activation(node, 0, TYPES);
        Quantization qi = QuantizedTensors.perTensor(node, 0);
        Shape s = in.shape();
        int rank = s.rank();
        long[] axesGiven;
        if (node.inputCount() > 1 && node.hasInput(1)) {
            axesGiven = Elements.longs(NodeChecks.constant(node, 1));
        } else {
            axesGiven = node.attributes().getLongs("axes", new long[0]);
        }
        if (axesGiven.length == 0 && node.attributes().getLong("noop_with_empty_axes", 0) != 0) {
            throw new InvalidNodeException(node, "noop_with_empty_axes=1 with no axes is not supported");
        }
        boolean[] reduced = new boolean[rank];
        for (long a : axesGiven) {
            reduced[NodeChecks.axis(node, a, rank)] = true;
        }
        if (axesGiven.length == 0) {
            java.util.Arrays.fill(reduced, true);
        }
        boolean keep = node.attributes().getLong("keepdims", 1) != 0;
        int[] outDims = new int[rank];
        int outRank = 0;
        int count = 1;
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                count *= s.dim(d);
                if (keep) {
                    outDims[outRank++] = 1;
                }
            } else {
                outDims[outRank++] = s.dim(d);
            }
        }
        Shape outShape = Shape.of(java.util.Arrays.copyOf(outDims, outRank));
        TensorType out = QuantizedTensors.outputOrSame(node, in, outShape);
        if (out.dataType() != in.dataType()) {
            throw new InvalidNodeException(node, "output type must match the input type");
        }
        Quantization qo = out.quantization().orElseThrow();
        FixedPoint.Multiplier base = FixedPoint.quantizeMultiplier((double) qi.scale() / (double) qo.scale());
        int multiplier = base.multiplier();
        int shift = base.shift();
        if (count > 0) {
            int s2 = 63 - Long.numberOfLeadingZeros(count);
            s2 = Math.min(s2, 32);
            s2 = Math.min(s2, 31 + shift);
            multiplier = (int) (((long) multiplier << s2) / count);
            shift -= s2;
        }
        int[] target = outputIndexOf(s, reduced);
        int outCount = outShape.elementCount();
        int zpIn = (int) qi.zeroPoint();
        int zpOut = (int) qo.zeroPoint();
        int lo = QuantizedTensors.min(in.dataType());
        int hi = QuantizedTensors.max(in.dataType());
        int n = count;
        int m = multiplier;
        int sh = shift;
        return FunctionKernel.of(out, inv -> {
            int[] x = IntArrays.read(inv.input(0));
            int[] sum = new int[outCount];
            for (int i = 0; i < x.length; i++) {
                sum[target[i]] += x[i];
            }
            int[] y = new int[outCount];
            for (int o = 0; o < outCount; o++) {
                if (n == 0) {
                    y[o] = 0;
                    continue;
                }
                int shifted = sum[o] - zpIn * n;
                int r = FixedPoint.multiplyByQuantizedMultiplier(shifted, m, sh) + zpOut;
                y[o] = Math.max(lo, Math.min(hi, r));
            }
            IntArrays.write(inv.output(0), y);
        });
    }

    /** For each input element, the index of the output element it is summed into. */
    private static int[] outputIndexOf(Shape s, boolean[] reduced) {
        int rank = s.rank();
        int[] outStride = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            outStride[d] = reduced[d] ? 0 : stride;
            if (!reduced[d]) {
                stride *= s.dim(d);
            }
        }
        int n = s.elementCount();
        int[] target = new int[n];
        int[] inStrides = s.strides();
        for (int i = 0; i < n; i++) {
            int rest = i;
            int t = 0;
            for (int d = 0; d < rank; d++) {
                int c = rest / inStrides[d];
                rest -= c * inStrides[d];
                t += c * outStride[d];
            }
            target[i] = t;
        }
        return target;
    }
}
