package dev.vela.conformance.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseJsonTest {

    @Test
    void integersStayLongsAndOtherNumbersDoublesInFileOrder() {
        Object v = CaseJson.parse("{\"b\": 3, \"a\": [0.5, 1e-3, -2, true, null, \"x\\u0041\"], \"c\": {}}");
        assertThat(v).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("b", "a", "c");
        assertThat(m.get("b")).isEqualTo(3L);
        assertThat((List<Object>) m.get("a")).containsExactly(0.5, 1e-3, -2L, true, null, "xA");
        assertThat((Map<?, ?>) m.get("c")).isEmpty();
    }

    @Test
    void malformedTextIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> CaseJson.parse("{\"a\": 1,}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1 column");
        assertThatThrownBy(() -> CaseJson.parse("{'a': 1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CaseJson.parse("[NaN]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CaseJson.parse("{\"a\": 1} x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed JSON at line 1 column 11 path $");
        assertThatThrownBy(() -> CaseJson.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertThatThrownBy(() -> CaseJson.parse("{\"a\": 1, \"a\": 2}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate key 'a' at path $.a");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> CaseJson.parse(deep))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Nesting limit 32 reached at line 1 column 34");
        assertThat(CaseJson.parse("[".repeat(30) + "]".repeat(30))).isInstanceOf(List.class);
    }

    @Test
    void anIntegerBeyondLongIsAnErrorNotAWrongValue() {
        assertThatThrownBy(() -> CaseJson.parse("[99999999999999999999]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
    }
}
