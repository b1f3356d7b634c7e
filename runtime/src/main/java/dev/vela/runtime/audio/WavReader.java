package dev.vela.runtime.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files holding uncompressed 16-bit little-endian PCM, mono (format 1, or WAVE_FORMAT_EXTENSIBLE with
 * the PCM sub-format). Chunks other than {@code fmt } and {@code data} are skipped; a file whose header or chunk
 * sizes do not fit its length is refused with the file's name, never read past its end.
 */
public final class WavReader {
    /** Files larger than this (1 GiB, over nine hours of 16 kHz mono) are refused before they are read. */
    static final long MAX_BYTES = 1L << 30;

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavReader() {}

    /**
     * @param file a WAV file
     * @return its samples and sample rate
     * @throws WavFormatException if it is not mono 16-bit PCM WAV or is truncated
     * @throws IOException if it cannot be read
     */
    public static PcmAudio read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new WavFormatException(
                    file + ": " + size + " bytes is larger than the " + MAX_BYTES + " bytes a WAV input may have");
        }
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /**
     * @param source the name used in error messages
     * @param bytes  the file's bytes
     * @return its samples and sample rate
     */
    public static PcmAudio parse(String source, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
            throw new WavFormatException(source + ": not a RIFF/WAVE file");
        }
        int channels = -1;
        int sampleRate = -1;
        int bits = -1;
        int format = -1;
        long position = 12;
        while (position + 8 <= bytes.length) {
            String id = tag(b, (int) position);
            long length = b.getInt((int) position + 4) & 0xFFFF_FFFFL;
            long body = position + 8;
            if (body + length > bytes.length) {
                if (!id.equals("data")) {
                    throw new WavFormatException(source + ": chunk '" + id + "' claims " + length
                            + " bytes but the file ends after " + (bytes.length - body));
                }
                throw new WavFormatException(source + ": data chunk claims " + length + " bytes but only "
                        + (bytes.length - body) + " are present (truncated file)");
            }
            if (id.equals("fmt ")) {
                if (length < 16) {
                    throw new WavFormatException(source + ": fmt chunk of " + length + " bytes is too short");
                }
                format = b.getShort((int) body) & 0xFFFF;
                channels = b.getShort((int) body + 2) & 0xFFFF;
                sampleRate = b.getInt((int) body + 4);
                bits = b.getShort((int) body + 14) & 0xFFFF;
                if (format == FORMAT_EXTENSIBLE && length >= 26) {
                    format = b.getShort((int) body + 24) & 0xFFFF;
                }
            } else if (id.equals("data")) {
                if (format < 0) {
                    throw new WavFormatException(source + ": data chunk before the fmt chunk");
                }
                checkFormat(source, format, channels, sampleRate, bits);
                if (length % 2 != 0) {
                    throw new WavFormatException(
                            source + ": data chunk of " + length + " bytes is not a whole number of 16-bit samples");
                }
                short[] samples = new short[(int) (length / 2)];
                ByteBuffer data = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
                data.position((int) body);
                data.asShortBuffer().get(samples);
                return new PcmAudio(sampleRate, samples);
            }
            position = body + length + (length & 1); // chunks are padded to even sizes
        }
        throw new WavFormatException(source + ": no data chunk" + (format < 0 ? " and no fmt chunk" : ""));
    }

    private static void checkFormat(String source, int format, int channels, int sampleRate, int bits) {
        if (format != FORMAT_PCM) {
            throw new WavFormatException(source + ": audio format " + format + " is not PCM (1)");
        }
        if (channels != 1) {
            throw new WavFormatException(source + ": " + channels + " channels; only mono is read");
        }
        if (bits != 16) {
            throw new WavFormatException(source + ": " + bits + "-bit samples; only 16-bit PCM is read");
        }
        if (sampleRate <= 0) {
            throw new WavFormatException(source + ": sample rate " + sampleRate + " is not positive");
        }
    }

    private static String tag(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        b.get(at, t);
        return new String(t, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
