package dev.vela.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.admission.SeedDerivation;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who chooses the seed, and how the command line wins over a pom. */
class SeedPolicyAndOverridesTest {

    private static final String JAR = "ab".repeat(32);

    @TempDir
    Path dir;

    private CertificateSigner signer(String name) throws Exception {
        return CertificateSigner.read(CertificateSigner.generate(dir.resolve("keys"), name));
    }

    @Test
    void withAKeyAndNoSeedTheSeedIsDerivedAndReproducible() throws Exception {
        CertificateSigner authority = signer("authority");
        RunSeed a = RunSeed.of(null, authority, JAR, "edge");
        RunSeed b = RunSeed.of(null, authority, JAR, "edge");
        assertThat(a.origin()).isEqualTo(RunSeed.Origin.DERIVED);
        assertThat(a.certifying()).isTrue();
        assertThat(b.seed()).as("one jar and profile give one seed").isEqualTo(a.seed());
        SeedDerivation d = a.derivation().orElseThrow();
        assertThat(SeedDerivation.seedOf(Base64.getDecoder().decode(d.signatureBase64())))
                .isEqualTo(a.seed());
        assertThat(d.problemWith(a.seed(), JAR, "edge", authority.publicKey())).isEmpty();
        assertThat(RunSeed.of(null, authority, JAR, "other").seed()).isNotEqualTo(a.seed());
        assertThat(RunSeed.of(null, signer("vendor"), JAR, "edge").seed())
                .as("another key, another seed")
                .isNotEqualTo(a.seed());
    }

    @Test
    void aChosenSeedIsAnExplorationRunAndNoKeyMeansRandom() throws Exception {
        RunSeed chosen = RunSeed.of(7L, signer("k"), JAR, "edge");
        assertThat(chosen.seed()).isEqualTo(7L);
        assertThat(chosen.certifying()).isFalse();
        assertThat(chosen.derivation()).isEmpty();
        RunSeed random = RunSeed.of(null, null, JAR, "edge");
        assertThat(random.origin()).isEqualTo(RunSeed.Origin.RANDOM);
        assertThat(random.certifying()).isFalse();
    }

    @Test
    void theSeedPolicyIsANumberOrDerived() {
        assertThat(RunSeed.parsePolicy("42")).contains(42L);
        assertThat(RunSeed.parsePolicy(" -3 ")).contains(-3L);
        assertThat(RunSeed.parsePolicy("derived")).isEmpty();
        assertThat(RunSeed.parsePolicy(null)).isEmpty();
        assertThatThrownBy(() -> RunSeed.parsePolicy("lucky"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lucky' is neither a number nor 'derived'");
    }

    @Test
    void commandLinePropertiesWinOverThePomAndSayso() {
        Properties cli = new Properties();
        cli.setProperty("vela.tries", "5");
        cli.setProperty("vela.signingKey", "keys/authority.key.pem");
        cli.setProperty("vela.failOnWarning", "");
        List<String> problems = new ArrayList<>();
        List<String> log = new ArrayList<>();
        File base = dir.toFile();
        CommandLineOverrides o = new CommandLineOverrides(cli, base, problems, log::add);

        assertThat(o.apply("vela.tries", "tries", 30, CommandLineOverrides.integers()))
                .isEqualTo(5);
        assertThat(o.apply("vela.signingKey", "signingKey", new File("/vendor/dev.key.pem"), o.files()))
                .isEqualTo(new File(base, "keys/authority.key.pem"));
        assertThat(o.apply("vela.failOnWarning", "failOnWarning", false, CommandLineOverrides.booleans()))
                .isTrue();
        assertThat(o.apply("vela.seed", "seed", "20261120", s -> s))
                .as("not on the command line: the pom's")
                .isEqualTo("20261120");
        assertThat(log)
                .anySatisfy(l -> assertThat(l).isEqualTo("-Dvela.tries=5 overrides <tries>30</tries> of the pom"));
        assertThat(log)
                .anySatisfy(
                        l -> assertThat(l).contains("-Dvela.signingKey=keys/authority.key.pem overrides <signingKey>"));
        assertThat(problems).isEmpty();
    }

    @Test
    void anUnparsableCommandLineValueIsAProblemNamingIt() {
        Properties cli = new Properties();
        cli.setProperty("vela.tries", "many");
        List<String> problems = new ArrayList<>();
        new CommandLineOverrides(cli, dir.toFile(), problems, s -> {})
                .apply("vela.tries", "tries", 30, CommandLineOverrides.integers());
        assertThat(problems).singleElement().asString().contains("-Dvela.tries=many is not a valid <tries>");
    }

    @Test
    void aProfileFileBecomesTheProfile() throws Exception {
        Path file = dir.resolve("edge.properties");
        Files.writeString(
                file,
                "name=authority-2026\nops=Conv, Relu\ndataTypes=float32\nchecks=numerics,invalid-nodes\n"
                        + "tolerance=default\nrequireAll=false\n");
        List<String> problems = new ArrayList<>();
        CertificationProfile p = ProfileFile.read(file, problems);
        assertThat(problems).isEmpty();
        GateSettings s = GateSettings.validate(p, List.of(), List.of(), problems);
        assertThat(s.profileName()).isEqualTo("authority-2026");
        assertThat(s.ops()).containsExactly("Conv", "Relu");
        assertThat(s.dataTypes()).containsExactly("float32");
        assertThat(s.checks()).containsExactly("numerics", "invalid-nodes");
    }

    @Test
    void aProfileFileWithUnknownKeysOrNoNameIsRefused() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "op=Conv\nrequireAll=maybe\n");
        List<String> problems = new ArrayList<>();
        ProfileFile.read(file, problems);
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).contains("bad.properties").contains("unknown keys [op]"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("'name' is required"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("requireAll must be true or false"));
        List<String> missing = new ArrayList<>();
        assertThat(ProfileFile.read(dir.resolve("absent.properties"), missing)).isNull();
        assertThat(missing)
                .singleElement()
                .asString()
                .contains("absent.properties")
                .contains("cannot be read");
    }
}
