package dev.vela.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.testing.MiniJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesStringsAndNestsWithCommas() {
        String text = new Json()
                .beginObject()
                .key("name")
                .value("a\"b\\c\nd\te\u0001")
                .key("list")
                .beginArray()
                .value(1L)
                .value(2.5)
                .beginObject()
                .key("x")
                .value((String) null)
                .endObject()
                .endArray()
                .key("n")
                .value(3L)
                .endObject()
                .toString();
        assertThat(text).isEqualTo("{\"name\":\"a\\\"b\\\\c\\nd\\te\\u0001\",\"list\":[1,2.5,{\"x\":null}],\"n\":3}");
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) MiniJson.parse(text);
        assertThat(back.get("name")).isEqualTo("a\"b\\c\nd\te\u0001");
        assertThat((List<?>) back.get("list")).hasSize(3);
    }

    @Test
    void nonFiniteNumbersAreNull() {
        assertThat(new Json()
                        .beginArray()
                        .value(Double.NaN)
                        .value(Double.POSITIVE_INFINITY)
                        .value(1e-7)
                        .endArray()
                        .toString())
                .isEqualTo("[null,null,1.0E-7]");
    }
}
