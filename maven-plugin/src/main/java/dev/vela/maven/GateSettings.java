package dev.vela.maven;

import dev.vela.conformance.check.Checks;
import dev.vela.conformance.check.ConformanceCheck;
import dev.vela.conformance.tolerance.TolerancePolicy;
import dev.vela.conformance.tolerance.ToleranceRule;
import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OpId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The validated certification settings: every name checked against the reference operator set, the
 * data types, the kit's checks and the tolerance policy, so a typo is a configuration error before
 * anything runs rather than a silently empty certification.
 *
 * @param profileName the certification profile's name
 * @param ops operators in the profile (empty: all)
 * @param dataTypes data type labels in the profile (empty: all)
 * @param checks check ids that must pass (never empty)
 * @param requireAll whether every (op, dtype) of the profile must be claimed
 * @param toleranceProfile the tolerance policy profile
 * @param policyVersion the tolerance policy version
 * @param budgets latency budgets by {@code <op>/<dtype>} in the fork's notation
 * @param toleranceOverrides tightened tolerances, {@code <op>.<dtype>.<key>} to value
 */
record GateSettings(
        String profileName,
        Set<String> ops,
        Set<String> dataTypes,
        List<String> checks,
        boolean requireAll,
        String toleranceProfile,
        String policyVersion,
        Map<String, String> budgets,
        Map<String, String> toleranceOverrides) {

    private static final Set<String> FLOAT_KEYS = Set.of("atol", "rtol", "reductionEpsFactor");

    /** @return the tolerance policy as recorded in a certificate: version, profile and any tightening */
    String policyDescription() {
        return policyVersion + "/" + toleranceProfile
                + (toleranceOverrides.isEmpty()
                        ? ""
                        : " tightened " + toleranceOverrides.toString().replace(" ", ""));
    }

    /**
     * @param profile the profile from the pom (null: defaults)
     * @param budgets latency budgets from the pom
     * @param overrides tolerance overrides from the pom
     * @param earlier problems the caller found already, reported together with these
     * @return the validated settings
     * @throws ConfigurationProblem listing every problem
     */
    static GateSettings validate(
            CertificationProfile profile,
            List<LatencyBudgetSpec> budgets,
            List<ToleranceOverride> overrides,
            List<String> earlier)
            throws ConfigurationProblem {
        CertificationProfile p = profile != null ? profile : new CertificationProfile();
        List<String> problems = new ArrayList<>(earlier);
        Set<String> knownOps = new TreeSet<>();
        for (KernelFactory f : new ReferenceProvider().factories()) {
            knownOps.add(f.op().name());
        }
        if (p.getName() == null || !p.getName().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            problems.add("profile name '" + p.getName() + "' must be letters, digits, '.', '_' or '-'");
        }
        Set<String> ops = new TreeSet<>();
        for (String op : nonNull(p.getOps())) {
            if (knownOps.contains(op.trim())) {
                ops.add(op.trim());
            } else {
                problems.add("unknown operator '" + op + "' in <profile><ops> (operators with a reference kernel: "
                        + knownOps + ")");
            }
        }
        Set<String> types = new TreeSet<>();
        for (String t : nonNull(p.getDataTypes())) {
            dataType(t, "<profile><dataTypes>", problems).ifPresent(d -> types.add(d.label()));
        }
        List<String> knownChecks =
                Checks.all().stream().map(ConformanceCheck::id).toList();
        List<String> checks = new ArrayList<>();
        for (String c : nonNull(p.getChecks())) {
            if (knownChecks.contains(c.trim())) {
                checks.add(c.trim());
            } else {
                problems.add("unknown check '" + c + "' in <profile><checks> (known: " + knownChecks + ")");
            }
        }
        if (checks.isEmpty()) {
            checks.addAll(knownChecks);
        }
        if (p.isRequireAll() && (ops.isEmpty() || types.isEmpty())) {
            problems.add("<requireAll> needs explicit <ops> and <dataTypes> in the profile");
        }
        TolerancePolicy policy = null;
        try {
            policy =
                    TolerancePolicy.load(p.getTolerance() == null ? TolerancePolicy.DEFAULT_PROFILE : p.getTolerance());
        } catch (IllegalArgumentException e) {
            problems.add("<profile><tolerance>: " + e.getMessage());
        }
        Map<String, String> budgetMap = new LinkedHashMap<>();
        for (LatencyBudgetSpec b : nonNull(budgets)) {
            String where = "<latencyBudget> for " + b.getOp() + "/" + b.getDataType();
            boolean ok = true;
            if (b.getOp() == null || !knownOps.contains(b.getOp())) {
                problems.add(where + ": unknown operator '" + b.getOp() + "'");
                ok = false;
            }
            var type = dataType(b.getDataType(), where, problems);
            ok &= type.isPresent();
            if (b.getWorkload() == null || b.getWorkload().isBlank()) {
                problems.add(where + ": a budget needs a <workload> (supported: " + LatencyBudgetSpec.LARGEST_GENERATED
                        + ")");
                ok = false;
            } else if (!LatencyBudgetSpec.LARGEST_GENERATED.equals(b.getWorkload())) {
                problems.add(where + ": unknown workload '" + b.getWorkload() + "' (supported: "
                        + LatencyBudgetSpec.LARGEST_GENERATED + ")");
                ok = false;
            }
            String spec = null;
            if (b.getMaxMillis() != null && b.getRatioToReference() == null) {
                if (!(b.getMaxMillis() > 0) || b.getMaxMillis().isInfinite()) {
                    problems.add(where + ": <maxMillis> must be positive, got " + b.getMaxMillis());
                } else {
                    spec = "abs:" + b.getMaxMillis();
                }
            } else if (b.getRatioToReference() != null && b.getMaxMillis() == null) {
                double floor = b.getFloorMillis() == null ? 1.0 : b.getFloorMillis();
                if (!(b.getRatioToReference() > 0) || !(floor >= 0)) {
                    problems.add(where + ": <ratioToReference> must be positive and <floorMillis> non-negative");
                } else {
                    spec = "ratio:" + b.getRatioToReference() + ":" + floor;
                }
            } else {
                problems.add(where + ": give exactly one of <maxMillis> and <ratioToReference>");
            }
            if (ok && spec != null) {
                String key = b.getOp() + "/" + type.get().label();
                if (budgetMap.put(key, spec) != null) {
                    problems.add(where + ": a second budget for the same operator and data type");
                }
            }
        }
        Map<String, String> overrideMap = new LinkedHashMap<>();
        for (ToleranceOverride o : nonNull(overrides)) {
            String where = "<toleranceOverride> " + o.getOp() + "/" + o.getDataType() + " " + o.getKey();
            if (o.getOp() == null || !knownOps.contains(o.getOp())) {
                problems.add(where + ": unknown operator '" + o.getOp() + "'");
                continue;
            }
            var type = dataType(o.getDataType(), where, problems);
            if (type.isEmpty()) {
                continue;
            }
            boolean floating = type.get().isFloatingPoint();
            if (o.getKey() == null || (floating ? !FLOAT_KEYS.contains(o.getKey()) : !"maxDiff".equals(o.getKey()))) {
                problems.add(where + ": key must be one of " + (floating ? FLOAT_KEYS : Set.of("maxDiff")) + " for "
                        + type.get().label());
                continue;
            }
            if (o.getValue() == null || !(o.getValue() >= 0) || o.getValue().isInfinite()) {
                problems.add(where + ": <value> must be a non-negative number");
                continue;
            }
            if (policy == null) {
                continue;
            }
            double limit;
            try {
                ToleranceRule rule = policy.rule(OpId.of(o.getOp()), type.get());
                limit = switch (o.getKey()) {
                    case "atol" -> rule.atol();
                    case "rtol" -> rule.rtol();
                    case "reductionEpsFactor" -> rule.reductionEpsFactor();
                    default -> rule.maxDiff();
                };
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                continue;
            }
            if (o.getValue() > limit) {
                problems.add(where + ": " + o.getValue() + " is looser than the policy allows (" + limit + " in policy "
                        + policy.version() + ", profile " + policy.profile()
                        + "); overrides may only tighten, a looser "
                        + "rule needs a tolerance profile from the admission authority");
                continue;
            }
            String value = "maxDiff".equals(o.getKey())
                    ? Long.toString(o.getValue().longValue())
                    : o.getValue().toString();
            overrideMap.put(OpId.of(o.getOp()) + "." + type.get().label() + "." + o.getKey(), value);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationProblem(problems);
        }
        return new GateSettings(
                p.getName(),
                ops,
                types,
                checks,
                p.isRequireAll(),
                policy.profile(),
                policy.version(),
                budgetMap,
                overrideMap);
    }

    private static java.util.Optional<DataType> dataType(String label, String where, List<String> problems) {
        if (label == null || label.isBlank()) {
            problems.add(where + ": missing data type");
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(DataType.fromLabel(label.trim().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": unknown data type '" + label + "'");
            return java.util.Optional.empty();
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
