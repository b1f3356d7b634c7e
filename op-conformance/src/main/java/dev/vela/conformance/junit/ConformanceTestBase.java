package dev.vela.conformance.junit;

import dev.vela.conformance.ConformanceKit;
import dev.vela.spi.OperatorProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Base class of a vendor's conformance test:
 *
 * <pre>{@code
 * class MyPluginConformanceTest extends ConformanceTestBase {
 *     protected OperatorProvider provider() { return new MyProvider(); }
 * }
 * }</pre>
 *
 * <p>yields one dynamic test per (op, dtype, layout, check). System properties
 * {@code vela.conformance.seed}, {@code .tries}, {@code .profile}, {@code .replay},
 * {@code .only} and {@code .reportDir} apply; override {@link #configure(ConformanceKit)} for
 * anything else.
 */
public abstract class ConformanceTestBase {

    /** @return the provider under test */
    protected abstract OperatorProvider provider();

    /**
     * @param kit the kit with system properties applied
     * @return the kit to run (the same one by default)
     */
    protected ConformanceKit configure(ConformanceKit kit) {
        return kit;
    }

    /** @return the dynamic tests of the run */
    @TestFactory
    public Stream<DynamicNode> conformance() {
        return ConformanceTests.dynamicTests(
                configure(ConformanceKit.forProvider(provider()).withSystemProperties()));
    }
}
