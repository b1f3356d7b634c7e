package dev.vela.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn vela:certify-jar -Dvela.jar=PLUGIN.jar}: the admission authority's gate. Certifies a prebuilt
 * plugin jar without the vendor's pom, with the authority's key ({@code -Dvela.signingKey}), profile
 * ({@code -Dvela.profile=FILE}, or {@code <profile>} in the authority's own pom) and derived seed. Runs in
 * any directory, with or without a pom (a pom there is the authority's, not the vendor's). The certificate's
 * coordinates come from the jar's {@code META-INF/maven/.../pom.properties} or {@code -Dvela.coordinates}.
 */
@Mojo(name = "certify-jar", requiresProject = false, threadSafe = true)
public class CertifyJarMojo extends AbstractCertifyMojo {

    /** The plugin jar to certify. */
    @Parameter(property = "vela.jar", required = true)
    private File jar;

    /** {@code groupId:artifactId:version} for the certificate; default: the jar's own pom.properties. */
    @Parameter(property = "vela.coordinates")
    private String coordinates;

    /**
     * The plugin's runtime dependencies that the jar does not bundle, in the platform's path-list syntax
     * ({@code a.jar:b.jar}); the SPI and the kit always come from the gate.
     */
    @Parameter(property = "vela.classPath")
    private String classPath;

    @Override
    protected Path jarToCertify() throws MojoExecutionException {
        if (!jar.isFile() || !jar.getName().endsWith(".jar")) {
            throw new MojoExecutionException("vela:certify-jar: -Dvela.jar=" + jar + " is not a jar file");
        }
        for (Path entry : extraClassPath()) {
            if (!entry.toFile().exists()) {
                throw new MojoExecutionException(
                        "vela:certify-jar: -Dvela.classPath entry " + entry + " does not exist");
            }
        }
        return jar.toPath();
    }

    @Override
    protected String[] coordinates(Path file) throws MojoExecutionException {
        if (coordinates != null && !coordinates.isBlank()) {
            String[] gav = coordinates.trim().split(":");
            if (gav.length != 3 || List.of(gav).stream().anyMatch(String::isBlank)) {
                throw new MojoExecutionException(
                        "vela:certify-jar: -Dvela.coordinates must be groupId:artifactId:version, got '" + coordinates
                                + "'");
            }
            return gav;
        }
        List<String[]> found = new ArrayList<>();
        try (JarFile jf = new JarFile(file.toFile())) {
            for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().startsWith("META-INF/maven/")
                        && entry.getName().endsWith("/pom.properties")) {
                    Properties p = new Properties();
                    try (InputStream in = jf.getInputStream(entry)) {
                        p.load(in);
                    }
                    found.add(new String[] {
                        p.getProperty("groupId"), p.getProperty("artifactId"), p.getProperty("version")
                    });
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("vela:certify-jar: cannot read " + file + ": " + e.getMessage(), e);
        }
        // A shaded jar carries its bundled libraries' pom.properties too: the plugin's own is the one named like the
        // jar.
        String name = file.getFileName().toString();
        for (String[] gav : found) {
            if (gav[0] != null && gav[1] != null && gav[2] != null && name.equals(gav[1] + "-" + gav[2] + ".jar")) {
                return gav;
            }
        }
        if (found.size() == 1 && found.get(0)[0] != null && found.get(0)[1] != null && found.get(0)[2] != null) {
            return found.get(0);
        }
        throw new MojoExecutionException("vela:certify-jar: cannot tell the coordinates of " + file + " from its "
                + "META-INF/maven/**/pom.properties (" + found.size()
                + " found): give -Dvela.coordinates=groupId:artifactId:version");
    }

    @Override
    protected boolean attachesToProject() {
        return false;
    }

    @Override
    protected Set<Artifact> pluginArtifacts() {
        return Set.of();
    }

    @Override
    protected List<Path> extraClassPath() {
        List<Path> out = new ArrayList<>();
        if (classPath != null) {
            for (String entry : classPath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    out.add(Path.of(entry.trim()));
                }
            }
        }
        return out;
    }
}
