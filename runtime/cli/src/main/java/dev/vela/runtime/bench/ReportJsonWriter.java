package dev.vela.runtime.bench;

import com.google.gson.FormattingStyle;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Gson's streaming writer for the tools' JSON reports, with one difference: a non-finite number (a latency that was
 * never measured, a difference of NaN outputs) is written as {@code null}, which a report's readers treat as "no
 * figure", where Gson would refuse it or write a literal that is not JSON.
 */
public final class ReportJsonWriter extends JsonWriter {

    /** @param out where the text goes; compact output, members in the order written */
    public ReportJsonWriter(Writer out) {
        super(out);
    }

    /** Writes one JSON document. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param out the writer to write the document's one value to
         * @throws IOException from the writer
         */
        void write(JsonWriter out) throws IOException;
    }

    /**
     * @param body writes the document
     * @return the document on one line, compact ({@code {"a":1,"b":[2,3]}})
     */
    public static String compact(Body body) {
        return write(FormattingStyle.COMPACT, body);
    }

    /**
     * @param body writes the document
     * @return the document on one line with a space after each colon and comma ({@code {"a": 1, "b": [2, 3]}}), the
     *     layout the convert and accuracy reports have always had inside their objects
     */
    public static String spaced(Body body) {
        return write(FormattingStyle.COMPACT.withSpaceAfterSeparators(true), body);
    }

    private static String write(FormattingStyle style, Body body) {
        StringWriter text = new StringWriter();
        try (ReportJsonWriter out = new ReportJsonWriter(text)) {
            out.setFormattingStyle(style);
            body.write(out);
        } catch (IOException e) {
            // a StringWriter does not fail; an IOException here is a writer misuse such as an unclosed object
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    @Override
    public JsonWriter value(double value) throws IOException {
        return Double.isFinite(value) ? super.value(value) : nullValue();
    }

    @Override
    public JsonWriter value(float value) throws IOException {
        return value((double) value);
    }
}
