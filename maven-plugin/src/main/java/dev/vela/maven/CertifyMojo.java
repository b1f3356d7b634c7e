package dev.vela.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn vela:certify}: packages the project first, then certifies its jar (see
 * {@link AbstractCertifyMojo}). To certify inside a build, bind {@code certify-no-fork} instead, which
 * does not run the lifecycle a second time.
 */
@Mojo(
        name = "certify",
        defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
@Execute(phase = LifecyclePhase.PACKAGE)
public class CertifyMojo extends AbstractCertifyMojo {}
