package dev.vela.runtime.debug;

import dev.vela.runtime.io.Npy;
import dev.vela.spi.Tensor;
import dev.vela.spi.VelaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a run's inputs and every value its nodes wrote to a folder: one {@code .npy} per tensor, named after the
 * tensor (made file-safe and unique), and {@code index.tsv} listing them in execution order with the node, operator,
 * provider, type and file of each — what {@code vela run --dump DIR} produces.
 */
public final class TensorDump {

    /** The index's header line; one row per tensor follows. */
    public static final String INDEX_HEADER = "order\tvalue\tnode\top\tprovider\ttype\tfile";

    private TensorDump() {}

    /**
     * @param dir the folder (created if missing; must be writable)
     * @param inputs the run's inputs, listed first with node {@code (input)}
     * @param recording the values the run's nodes wrote
     * @return how many tensors were written
     * @throws DumpException when the folder cannot be created or written, naming it and why
     */
    public static int write(Path dir, Map<String, Tensor> inputs, ValueRecording recording) {
        prepare(dir);
        SafeFileNames names = new SafeFileNames();
        StringBuilder index = new StringBuilder(INDEX_HEADER).append('\n');
        int order = 0;
        for (Map.Entry<String, Tensor> in : inputs.entrySet()) {
            String file = names.next(in.getKey()) + ".npy";
            writeNpy(dir.resolve(file), in.getValue());
            index.append(row(order++, in.getKey(), "(input)", "", "", in.getValue(), file));
        }
        for (ValueRecording.Value v : recording.values()) {
            String file = names.next(v.value()) + ".npy";
            writeNpy(dir.resolve(file), v.tensor());
            index.append(row(order++, v.value(), v.node(), v.op(), v.provider(), v.tensor(), file));
        }
        try {
            Files.writeString(dir.resolve("index.tsv"), index, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure(dir, e);
        }
        return order;
    }

    private static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new DumpException("cannot write the dump directory " + dir + ": not writable");
            }
        } catch (FileAlreadyExistsException e) {
            throw new DumpException("cannot write the dump directory " + dir + ": a file of that name exists");
        } catch (IOException e) {
            throw failure(dir, e);
        }
    }

    private static void writeNpy(Path file, Tensor t) {
        try {
            Npy.write(file, t);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static DumpException failure(Path where, IOException e) {
        String why = e instanceof AccessDeniedException
                ? "permission denied"
                : e instanceof NotDirectoryException
                        ? "a parent is not a directory"
                        : e instanceof FileAlreadyExistsException
                                ? "a file of that name exists"
                                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new DumpException("cannot write the dump directory " + where + ": " + why);
    }

    private static String row(int order, String value, String node, String op, String provider, Tensor t, String file) {
        return order + "\t" + tsv(value) + "\t" + tsv(node) + "\t" + op + "\t" + provider + "\t" + t.type() + "\t"
                + file + "\n";
    }

    private static String tsv(String text) {
        return text.replace('\t', ' ').replace('\n', ' ');
    }

    /** The dump directory cannot be written; the message names it and why. */
    public static final class DumpException extends VelaException {
        private static final long serialVersionUID = 1L;

        DumpException(String message) {
            super(message);
        }
    }
}
