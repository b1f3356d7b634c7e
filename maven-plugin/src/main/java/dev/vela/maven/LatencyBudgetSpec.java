package dev.vela.maven;

/**
 * A latency budget for one operator and data type on a named workload, as configured in the pom:
 * either {@code maxMillis} (absolute, for the median) or {@code ratioToReference} (a multiple of the
 * reference kernel's median, never below {@code floorMillis}).
 */
public class LatencyBudgetSpec {

    /** The only workload the kit measures today: the largest of the first generated cases the kernel supports. */
    public static final String LARGEST_GENERATED = "largest-generated";

    private String op;
    private String dataType;
    private String workload;
    private Double maxMillis;
    private Double ratioToReference;
    private Double floorMillis;

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

    /** @return the workload name */
    public String getWorkload() {
        return workload;
    }

    /** @param workload the workload name */
    public void setWorkload(String workload) {
        this.workload = workload;
    }

    /** @return the absolute budget for the median, in ms */
    public Double getMaxMillis() {
        return maxMillis;
    }

    /** @param maxMillis the absolute budget */
    public void setMaxMillis(Double maxMillis) {
        this.maxMillis = maxMillis;
    }

    /** @return the budget as a multiple of the reference's median */
    public Double getRatioToReference() {
        return ratioToReference;
    }

    /** @param ratioToReference the ratio */
    public void setRatioToReference(Double ratioToReference) {
        this.ratioToReference = ratioToReference;
    }

    /** @return the smallest budget a ratio gives, in ms */
    public Double getFloorMillis() {
        return floorMillis;
    }

    /** @param floorMillis the floor */
    public void setFloorMillis(Double floorMillis) {
        this.floorMillis = floorMillis;
    }
}
