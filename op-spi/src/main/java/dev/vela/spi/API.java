package dev.vela.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stability of a public SPI type or member, machine-readable (like JUnit's {@code @API}): tools
 * and reviewers can tell what a plugin may rely on across SPI versions without reading prose.
 *
 * <p>Rules (docs/architecture.md decision D11): a {@link Status#STABLE} element keeps its binary and source
 * compatibility for every {@code 1.x} release; the build checks this with japicmp against the 1.0
 * baseline. {@link Status#EXPERIMENTAL} elements are new and may still change in a minor release;
 * the compatibility check excludes them. {@link Status#INTERNAL} elements are public only for the
 * SDK's own modules and are not for plugins. A member without an annotation has its type's status.
 *
 * @since 1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PACKAGE})
@API(status = API.Status.STABLE, since = "1.0")
public @interface API {

    /**
     * How far a plugin may rely on the element.
     *
     * @return the status
     */
    Status status();

    /**
     * The SPI version ({@code major.minor}) that introduced the element with this status.
     *
     * @return the version
     */
    String since();

    /**
     * The stability levels.
     *
     * @since 1.0
     */
    enum Status {
        /** Compatible across every 1.x release; checked by the build. */
        STABLE,
        /** New; may change in a minor release; not covered by the compatibility check. */
        EXPERIMENTAL,
        /** Public only for the SDK's own modules; plugins must not use it. */
        INTERNAL,
        /** Still works, will be removed in the next major release; the javadoc says what replaces it. */
        DEPRECATED
    }
}
