package dev.vela.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreJsonTest {

    @Test
    void writesMembersInMapOrderCompactWithNullsAndReadsThemBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", "a\"b\n\u0001");
        m.put("a", 3L);
        m.put("f", 0.5);
        m.put("n", null);
        m.put("list", Arrays.asList(1, true, "x"));
        String text = StoreJson.write(m);
        assertThat(text).isEqualTo("{\"z\":\"a\\\"b\\n\\u0001\",\"a\":3,\"f\":0.5,\"n\":null,\"list\":[1,true,\"x\"]}");
        JsonDoc back = JsonDoc.parse("t.json", text);
        assertThat(back.fields().keySet()).containsExactly("z", "a", "f", "n", "list");
        assertThat(back.string("z")).isEqualTo("a\"b\n\u0001");
        assertThat(back.longValue("a", 0)).isEqualTo(3L);
        assertThat(back.doubleValue("f", 0)).isEqualTo(0.5);
        assertThat(back.has("n")).isFalse();
        assertThat(back.fields().get("list")).isEqualTo(List.of("1", true, "x"));
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertThatThrownBy(() -> StoreJson.write(List.of(Double.NaN))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreJson.write(Map.of(1, "x"))).hasMessageContaining("keys must be strings");
        assertThatThrownBy(() -> StoreJson.write(new Object())).hasMessageContaining("no JSON form");
    }

    @Test
    void badTextIsAStoreErrorNamingTheFileAndPlace() {
        assertThatThrownBy(() -> JsonDoc.parse("meta.json", "{\"a\": 1,}"))
                .isInstanceOf(ModelStoreException.class)
                .hasMessageStartingWith("meta.json: ")
                .hasMessageContaining("line 1 column");
        assertThatThrownBy(() -> JsonDoc.parse("meta.json", "{\"a\": 1, \"a\": 2}"))
                .hasMessageContaining("duplicate key 'a'");
        assertThatThrownBy(() -> JsonDoc.parse("meta.json", "[".repeat(10_000) + "]".repeat(10_000)))
                .isInstanceOf(ModelStoreException.class)
                .hasMessageContaining("Nesting limit 32");
        assertThatThrownBy(() -> JsonDoc.parse("meta.json", "[1]")).hasMessageContaining("not a JSON object");
    }
}
