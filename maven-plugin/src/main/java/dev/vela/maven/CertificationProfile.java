package dev.vela.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * The admission authority's certification profile, as configured in the pom: which operators and
 * data types can be certified, which checks must pass, and the tolerance profile. A plugin may claim
 * fewer operators and still certify for what it claims, unless {@code requireAll} is set.
 */
public class CertificationProfile {

    /** Recorded in the certificate. */
    private String name = "default";
    /** Operators that may be certified; empty means every operator with a reference kernel. */
    private List<String> ops = new ArrayList<>();
    /** Data types that may be certified, by label ({@code float32}, {@code int8}, ...); empty means all. */
    private List<String> dataTypes = new ArrayList<>();
    /** Checks that must pass; empty means every check of the kit. */
    private List<String> checks = new ArrayList<>();
    /** The tolerance profile of the policy ({@code default}, {@code integer-plus-minus-one}, ...). */
    private String tolerance = "default";
    /** Whether the plugin must claim every listed operator and data type. */
    private boolean requireAll;

    /** @return the profile name */
    public String getName() {
        return name;
    }

    /** @param name the profile name */
    public void setName(String name) {
        this.name = name;
    }

    /** @return the operators */
    public List<String> getOps() {
        return ops;
    }

    /** @param ops the operators */
    public void setOps(List<String> ops) {
        this.ops = ops;
    }

    /** @return the data types */
    public List<String> getDataTypes() {
        return dataTypes;
    }

    /** @param dataTypes the data types */
    public void setDataTypes(List<String> dataTypes) {
        this.dataTypes = dataTypes;
    }

    /** @return the checks */
    public List<String> getChecks() {
        return checks;
    }

    /** @param checks the checks */
    public void setChecks(List<String> checks) {
        this.checks = checks;
    }

    /** @return the tolerance profile */
    public String getTolerance() {
        return tolerance;
    }

    /** @param tolerance the tolerance profile */
    public void setTolerance(String tolerance) {
        this.tolerance = tolerance;
    }

    /** @return whether every listed (op, dtype) must be claimed */
    public boolean isRequireAll() {
        return requireAll;
    }

    /** @param requireAll whether every listed (op, dtype) must be claimed */
    public void setRequireAll(boolean requireAll) {
        this.requireAll = requireAll;
    }
}
