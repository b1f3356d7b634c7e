package dev.vela.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportJsonWriterTest {

    @Test
    void escapesStringsAndKeepsMembersInTheOrderWritten() {
        String text = ReportJsonWriter.compact(j -> j.beginObject()
                .name("name")
                .value("a\"b\\c\nd\te\u0001\u2028")
                .name("list")
                .beginArray()
                .value(1L)
                .value(2.5)
                .beginObject()
                .name("x")
                .value((String) null)
                .endObject()
                .endArray()
                .name("n")
                .value(3L)
                .endObject());
        assertThat(text)
                .isEqualTo("{\"name\":\"a\\\"b\\\\c\\nd\\te\\u0001\\u2028\",\"list\":[1,2.5,{\"x\":null}],\"n\":3}");
        @SuppressWarnings("unchecked")
        Map<String, Object> back = new Gson().fromJson(text, Map.class);
        assertThat(back.get("name")).isEqualTo("a\"b\\c\nd\te\u0001\u2028");
        assertThat((List<?>) back.get("list")).hasSize(3);
        assertThat(back.keySet()).containsExactly("name", "list", "n");
    }

    @Test
    void nonFiniteNumbersAreNullAndFiniteOnesRoundTrip() {
        assertThat(ReportJsonWriter.compact(j -> j.beginArray()
                        .value(Double.NaN)
                        .value(Double.POSITIVE_INFINITY)
                        .value(Float.NEGATIVE_INFINITY)
                        .value(1e-7)
                        .value(0.1f)
                        .endArray()))
                .isEqualTo("[null,null,null,1.0E-7,0.10000000149011612]");
    }

    @Test
    void spacedLayoutPutsASpaceAfterColonsAndCommasOnOneLine() {
        assertThat(ReportJsonWriter.spaced(j -> j.beginObject()
                        .name("a")
                        .value(1L)
                        .name("b")
                        .beginArray()
                        .value("x")
                        .value("y")
                        .endArray()
                        .endObject()))
                .isEqualTo("{\"a\": 1, \"b\": [\"x\", \"y\"]}");
    }

    @Test
    void anUnfinishedDocumentIsAnError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ReportJsonWriter.compact(j -> j.beginObject().name("a")))
                .hasMessageContaining("ncomplete");
    }
}
