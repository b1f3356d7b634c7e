package dev.vela.runtime.audio;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.error.InvalidInputException;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Runs a feature model (one int16 window in, one feature row out) over a clip's windows in one session, so state
 * the model keeps carries from window to window, and stacks the rows into a {@code [frames, features]} tensor. Each
 * clip gets a new session: it starts from the model's initial state, as TFLite Micro's micro_speech example starts
 * each clip with a fresh interpreter.
 */
public final class FeatureExtractor {
    private final Model model;
    private final Framer framer;
    private final ValueSpec input;
    private final ValueSpec output;

    /**
     * @param model  the feature model: one int16 input holding exactly one window, one output
     * @param framer how the clip is cut
     * @throws IllegalArgumentException if the model's input is not int16 with {@code window} elements, or it has
     *     more than one input or output
     */
    public FeatureExtractor(Model model, Framer framer) {
        this.model = model;
        this.framer = framer;
        if (model.inputs().size() != 1 || model.outputs().size() != 1) {
            throw new IllegalArgumentException(
                    model.source() + ": a feature model has one input and one output, this" + " one has "
                            + model.inputs().size() + " and " + model.outputs().size());
        }
        input = model.inputs().get(0);
        output = model.outputs().get(0);
        long elements = 1;
        for (long d : input.dims()) {
            elements *= d;
        }
        if (input.dataType() != DataType.INT16 || !input.hasShape() || elements != framer.window()) {
            throw new IllegalArgumentException(model.source() + ": input " + input + " must be int16 holding one "
                    + framer.window() + "-sample window");
        }
    }

    /**
     * @param samples the clip
     * @return the feature rows, {@code [frames, features]} in the output's element type
     * @throws InvalidInputException if the clip is shorter than one window
     */
    public Tensor features(short[] samples) {
        short[][] windows = framer.frames(samples);
        if (windows.length == 0) {
            throw new InvalidInputException(
                    "a clip of " + samples.length + " samples is shorter than one window of " + framer.window());
        }
        int[] dims = new int[input.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) input.dim(i);
        }
        TensorType windowType = TensorType.of(DataType.INT16, Shape.of(dims));
        Tensor stacked = null;
        try (Session session = model.newSession()) {
            for (int f = 0; f < windows.length; f++) {
                Tensor window = Tensor.allocate(windowType);
                window.shorts().put(windows[f]);
                Tensor row = session.run(Map.of(input.name(), window)).get(output.name());
                if (stacked == null) {
                    stacked = Tensor.allocate(TensorType.of(row.dataType(), windows.length, row.elementCount()));
                }
                ByteBuffer target = stacked.bytes();
                target.position(f * row.type().byteSize());
                target.put(row.bytes());
            }
        }
        return stacked;
    }
}
