package dev.vela.maven;

/**
 * A tolerance for one operator and data type, as configured in the pom. The gate only accepts values
 * at most as loose as the policy's rule for the chosen tolerance profile: a vendor may hold itself to
 * a tighter standard, never a looser one (looser rules are the admission authority's, via profiles).
 */
public class ToleranceOverride {

    private String op;
    private String dataType;
    /** {@code atol}, {@code rtol}, {@code reductionEpsFactor} (floating types) or {@code maxDiff} (integers). */
    private String key;

    private Double value;

    /** @return the operator */
    public String getOp() {
        return op;
    }

    /** @param op the operator */
    public void setOp(String op) {
        this.op = op;
    }

    /** @return the data type label */
    public String getDataType() {
        return dataType;
    }

    /** @param dataType the data type label */
    public void setDataType(String dataType) {
        this.dataType = dataType;
    }

    /** @return the tolerance key */
    public String getKey() {
        return key;
    }

    /** @param key the tolerance key */
    public void setKey(String key) {
        this.key = key;
    }

    /** @return the value */
    public Double getValue() {
        return value;
    }

    /** @param value the value */
    public void setValue(Double value) {
        this.value = value;
    }
}
