package dev.vela.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Certifies the jar the build has already packaged, bound to {@code verify} by default (see
 * {@link AbstractCertifyMojo}); the no-fork twin of {@code vela:certify}, after Maven's
 * {@code jar-no-fork} convention.
 */
@Mojo(
        name = "certify-no-fork",
        defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class CertifyNoForkMojo extends AbstractCertifyMojo {}
