package dev.vela.runtime.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Which versions of a model an app accepts: {@code *} (any), an exact version ({@code 1.2.0} or {@code =1.2.0}),
 * {@code ^1.2} (same major, at least 1.2), {@code ~1.2} (same major and minor, at least 1.2), or comparisons
 * ({@code >=1.0 <2.0}, all must hold).
 *
 * @param text the constraint as written
 */
public record VersionConstraint(String text) {

    /** Any version. */
    public static final VersionConstraint ANY = new VersionConstraint("*");

    /** @param text the constraint as written; validated here so a bad app declaration is refused when declared */
    public VersionConstraint {
        if (text == null || text.isBlank()) {
            throw new ModelStoreException("empty version constraint: use '*', '1.2.0', '^1.2', '~1.2' or '>=1.0 <2.0'");
        }
        text = text.trim();
        clauses(text);
    }

    /**
     * @param text the constraint as written
     * @return the constraint
     */
    public static VersionConstraint of(String text) {
        return new VersionConstraint(text);
    }

    /**
     * @param version a version
     * @return whether this constraint accepts it
     */
    public boolean accepts(ModelVersion version) {
        for (Clause c : clauses(text)) {
            if (!c.accepts(version)) {
                return false;
            }
        }
        return true;
    }

    private record Clause(String op, ModelVersion bound) {
        boolean accepts(ModelVersion v) {
            if (op.equals("*")) {
                return true;
            }
            int c = v.compareTo(bound);
            return switch (op) {
                case "=" -> c == 0 || v.text().equals(bound.text());
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case "<" -> c < 0;
                case "^" -> c >= 0 && v.numericPart(0) == bound.numericPart(0);
                case "~" ->
                    c >= 0 && v.numericPart(0) == bound.numericPart(0) && v.numericPart(1) == bound.numericPart(1);
                default -> throw new IllegalStateException(op);
            };
        }
    }

    private static List<Clause> clauses(String text) {
        List<Clause> clauses = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            if (token.equals("*")) {
                clauses.add(new Clause("*", null));
                continue;
            }
            String op = "=";
            for (String candidate : new String[] {">=", "<=", ">", "<", "=", "^", "~"}) {
                if (token.startsWith(candidate)) {
                    op = candidate;
                    token = token.substring(candidate.length());
                    break;
                }
            }
            try {
                clauses.add(new Clause(op, ModelVersion.of(token)));
            } catch (ModelStoreException e) {
                throw new ModelStoreException("invalid version constraint '" + text + "': " + e.getMessage());
            }
        }
        return clauses;
    }

    @Override
    public String toString() {
        return text;
    }
}
