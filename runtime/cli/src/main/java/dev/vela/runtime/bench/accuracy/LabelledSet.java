package dev.vela.runtime.bench.accuracy;

import dev.vela.runtime.io.Npy;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A labelled set for {@code vela bench --accuracy}. Two layouts:
 *
 * <ul>
 *   <li>a labels file ({@code DIR/labels.txt} when a directory is given): one sample per line, {@code FILE LABEL} or
 *       {@code FILE,LABEL}; {@code FILE} relative to the labels file (or absolute), an {@code .npy}, {@code .png},
 *       {@code .bmp} or {@code .wav}; {@code LABEL} a class index, or a class name when the class names are known;
 *       blank lines and lines starting with {@code #} are skipped;</li>
 *   <li>an {@code .npz} of exactly two arrays: the labels ({@code labels} or {@code y}, else the one of rank 1: one
 *       whole number per sample) and the samples (the other, the leading axis is the sample).</li>
 * </ul>
 *
 * @param origin what the set was read from
 * @param samples the samples in file order
 */
public record LabelledSet(String origin, List<LabelledSample> samples) {

    /** The largest .npz entry read (a set larger than this is not a benchmark sample set). */
    static final long MAX_NPZ_ENTRY = 1L << 30;

    /** Copies the list. */
    public LabelledSet {
        samples = List.copyOf(samples);
    }

    /**
     * @param path a directory holding {@code labels.txt}, a labels file, or an {@code .npz}
     * @param classNames the class names in index order, for labels given by name (may be empty)
     * @return the set
     * @throws IOException if a file cannot be read
     * @throws LabelledSetException naming the file and line (or array) when the set is malformed or empty
     */
    public static LabelledSet read(Path path, List<String> classNames) throws IOException {
        if (Files.isDirectory(path)) {
            Path labels = path.resolve("labels.txt");
            if (!Files.isRegularFile(labels)) {
                throw new LabelledSetException(
                        path + ": a labelled set directory needs a labels.txt ('FILE LABEL' per " + "line)");
            }
            return labelsFile(labels, classNames);
        }
        if (!Files.isRegularFile(path)) {
            throw new LabelledSetException(path + ": no such file or directory");
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            return npz(path);
        }
        return labelsFile(path, classNames);
    }

    private static LabelledSet labelsFile(Path file, List<String> classNames) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        List<LabelledSample> samples = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int cut = line.lastIndexOf(',');
            if (cut < 0) {
                cut = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t'));
            }
            String where = file + " line " + (i + 1);
            if (cut <= 0) {
                throw new LabelledSetException(where + ": expected 'FILE LABEL', got '" + line + "'");
            }
            String name = line.substring(0, cut).strip();
            Path sample = dir.resolve(name);
            if (!Files.isRegularFile(sample)) {
                throw new LabelledSetException(where + ": no such file " + sample);
            }
            samples.add(new LabelledSample(
                    name, sample, null, label(where, line.substring(cut + 1).strip(), classNames)));
        }
        if (samples.isEmpty()) {
            throw new LabelledSetException(file + ": no samples");
        }
        return new LabelledSet(file.toString(), samples);
    }

    private static int label(String where, String text, List<String> classNames) {
        int byName = classNames.indexOf(text);
        if (byName >= 0) {
            return byName;
        }
        try {
            int index = Integer.parseInt(text);
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // neither a class name nor an index: said below
        }
        throw new LabelledSetException(where + ": label '" + text + "' is neither a class index (0, 1, ...) nor one of"
                + " the class names " + classNames);
    }

    private static LabelledSet npz(Path file) throws IOException {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] data = zip.readNBytes((int) Math.min(MAX_NPZ_ENTRY + 1, Integer.MAX_VALUE - 8));
                if (data.length > MAX_NPZ_ENTRY) {
                    throw new LabelledSetException(file + ": array " + e.getName() + " is larger than 1 GiB");
                }
                String name = e.getName().endsWith(".npy")
                        ? e.getName().substring(0, e.getName().length() - 4)
                        : e.getName();
                arrays.put(name, Npy.decode(file + "[" + e.getName() + "]", data));
            }
        } catch (java.util.zip.ZipException e) {
            throw new LabelledSetException(file + ": not a readable .npz (zip) file: " + e.getMessage());
        }
        if (arrays.size() != 2) {
            throw new LabelledSetException(file + ": an .npz labelled set holds two arrays (samples and labels), this "
                    + "one holds " + arrays.keySet());
        }
        String labelsName = arrays.containsKey("labels")
                ? "labels"
                : arrays.containsKey("y")
                        ? "y"
                        : arrays.entrySet().stream()
                                .filter(a -> a.getValue().shape().rank() == 1)
                                .map(Map.Entry::getKey)
                                .findFirst()
                                .orElseThrow(() -> new LabelledSetException(file + ": no labels array (name it "
                                        + "'labels' or 'y', or give it rank 1) among " + arrays.keySet()));
        Tensor labels = arrays.get(labelsName);
        String samplesName = arrays.keySet().stream()
                .filter(n -> !n.equals(labelsName))
                .findFirst()
                .orElseThrow();
        Tensor samples = arrays.get(samplesName);
        int n = labels.elementCount();
        if (labels.shape().rank() != 1
                || samples.shape().rank() < 1
                || samples.shape().dim(0) != n
                || n == 0) {
            throw new LabelledSetException(file + ": labels " + labelsName + labels.shape() + " and samples "
                    + samplesName + samples.shape() + " must be [N] and [N, ...] with N > 0");
        }
        int[] dims = samples.shape().dims();
        Shape one = Shape.of(Arrays.copyOfRange(dims, 1, dims.length));
        TensorType type = TensorType.of(samples.dataType(), one);
        int bytes = type.byteSize();
        List<LabelledSample> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double v = labels.getDouble(i);
            if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new LabelledSetException(
                        file + ": label " + i + " of " + labelsName + " is " + v + ", not a class index");
            }
            Tensor slice = Tensor.allocate(type);
            ByteBuffer src = samples.bytes().duplicate();
            src.position(i * bytes).limit(i * bytes + bytes);
            slice.bytes().put(src);
            list.add(new LabelledSample(file.getFileName() + "[" + i + "]", null, slice, (int) v));
        }
        return new LabelledSet(file.toString(), list);
    }
}
