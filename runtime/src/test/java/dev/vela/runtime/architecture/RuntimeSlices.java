package dev.vela.runtime.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/** One slice per first-level package of the runtime library, plus the root package (Model, Session) as its own. */
final class RuntimeSlices implements SliceAssignment {

    private static final String ROOT = "dev.vela.runtime";

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String pkg = javaClass.getPackageName();
        if (pkg.equals(ROOT)) {
            return SliceIdentifier.of("(root)");
        }
        if (pkg.startsWith(ROOT + ".")) {
            String rest = pkg.substring(ROOT.length() + 1);
            int dot = rest.indexOf('.');
            return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
        }
        return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
        return "the runtime library's packages (the root package is a slice of its own)";
    }
}
