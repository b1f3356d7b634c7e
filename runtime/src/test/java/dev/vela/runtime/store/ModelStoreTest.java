package dev.vela.runtime.store;

import static dev.vela.runtime.store.StoreFixtures.store;
import static dev.vela.runtime.store.StoreFixtures.writeModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    @TempDir
    Path dir;

    @Test
    void installRecordsMetadataAndMakesTheFirstVersionTheFactoryVersion() throws Exception {
        ModelStore s = store(dir.resolve("store"), 1 << 20);
        Path f = writeModel(dir, "m.onnx", 1);
        ModelMetadata m = s.install(InstallRequest.of("detector", "1.0.0", f));
        assertThat(m.sha256()).isEqualTo(Hashing.sha256(f));
        assertThat(m.size()).isEqualTo(Files.size(f));
        assertThat(m.format()).isEqualTo("onnx");
        assertThat(m.operators()).containsExactly("Add");
        assertThat(m.numerics()).isEqualTo("tflm");
        assertThat(m.source()).isEqualTo("m.onnx");
        assertThat(s.factoryVersion("detector")).contains(ModelVersion.of("1.0.0"));
        s.install(InstallRequest.of("detector", "1.1.0", writeModel(dir, "m2.onnx", 2)));
        assertThat(s.factoryVersion("detector")).contains(ModelVersion.of("1.0.0"));
        assertThat(s.versions("detector")).extracting(ModelVersion::text).containsExactly("1.0.0", "1.1.0");
        // the metadata survives reopening the store
        assertThat(store(dir.resolve("store"), 1 << 20).list())
                .hasSize(2)
                .first()
                .isEqualTo(m);
    }

    @Test
    void aRefusedInstallLeavesNothingVisibleAndNoStagingBehind() throws Exception {
        ModelStore s = store(dir.resolve("store"), 1 << 20);
        Path garbage = dir.resolve("garbage.onnx");
        Files.write(garbage, new byte[] {0x08, 0x7f, 0x7f, 0x7f, 1, 2, 3});
        assertThatThrownBy(() -> s.install(InstallRequest.of("detector", "1.0.0", garbage)))
                .isInstanceOf(ModelStoreException.class)
                .hasMessageContaining("detector@1.0.0 refused");
        assertThat(s.list()).isEmpty();
        assertThat(s.versions("detector")).isEmpty();
        try (Stream<Path> staging = Files.list(dir.resolve("store/tmp"))) {
            assertThat(staging.filter(p -> p.getFileName().toString().startsWith("install-")))
                    .isEmpty();
        }
    }

    @Test
    void aCrashedInstallIsInvisibleAndCleanedOnOpen() throws Exception {
        Path root = dir.resolve("store");
        ModelStore s = store(root, 1 << 20);
        // what a crash mid-install leaves: a staging directory with a half-written model and no rename
        Path stage = Files.createDirectories(root.resolve("tmp/install-123"));
        Files.write(stage.resolve("model.bin"), new byte[] {8, 1});
        assertThat(s.list()).isEmpty();
        store(root, 1 << 20);
        assertThat(stage).doesNotExist();
    }

    @Test
    void versionsAppearOnlyWhenCompleteWhileInstallsRun() throws Exception {
        ModelStore s = store(dir.resolve("store"), 64 << 20);
        Path f = writeModel(dir, "m.onnx", 1);
        Thread installer = new Thread(() -> {
            try {
                for (int i = 0; i < 40; i++) {
                    s.install(InstallRequest.of("m", "1." + i, f));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        installer.start();
        Path models = dir.resolve("store/models/m");
        while (installer.isAlive()) {
            if (Files.isDirectory(models)) {
                try (Stream<Path> vs = Files.list(models)) {
                    for (Path v : vs.filter(Files::isDirectory).toList()) {
                        // a version directory is always complete: model and metadata were renamed in together
                        assertThat(v.resolve("meta.json")).exists();
                        assertThat(Files.size(v.resolve("model.onnx"))).isEqualTo(Files.size(f));
                    }
                }
            }
        }
        installer.join();
        assertThat(s.versions("m")).hasSize(40);
    }

    @Test
    void reinstallingTheSameContentIsANoOpAndDifferentContentIsRefused() throws Exception {
        ModelStore s = store(dir.resolve("store"), 1 << 20);
        ModelMetadata first = s.install(InstallRequest.of("m", "1.0", writeModel(dir, "a.onnx", 1)));
        assertThat(s.install(InstallRequest.of("m", "1.0", dir.resolve("a.onnx"))))
                .isEqualTo(first);
        assertThatThrownBy(() -> s.install(InstallRequest.of("m", "1.0", writeModel(dir, "b.onnx", 2))))
                .hasMessageContaining("m@1.0 is already installed with different content");
        assertThat(s.metadata("m", ModelVersion.of("1.0"))).contains(first);
    }

    @Test
    void quotaRefusesAnInstallThatDoesNotFitAndKeepsTheRest() throws Exception {
        Path f = writeModel(dir, "m.onnx", 1);
        long size = Files.size(f);
        ModelStore roomy = store(dir.resolve("store"), 1 << 20);
        roomy.install(InstallRequest.of("m", "1", f));
        roomy.install(InstallRequest.of("m", "2", f));
        long quota = roomy.usedBytes() + size / 2; // not enough for a third version
        ModelStore s = store(dir.resolve("store"), quota);
        assertThatThrownBy(() -> s.install(InstallRequest.of("m", "3", f)))
                .isInstanceOf(StoreFullException.class)
                .hasMessageContaining("store full: m@3 needs")
                .hasMessageContaining("quota is " + quota);
        assertThat(s.versions("m")).extracting(ModelVersion::text).containsExactly("1", "2");
        assertThat(s.usedBytes()).isLessThanOrEqualTo(s.quotaBytes());
        // gc frees the unbound non-factory version and the install fits again
        assertThat(s.gc()).extracting(ModelMetadata::id).containsExactly("m@2");
        s.install(InstallRequest.of("m", "3", f));
        assertThat(s.versions("m")).extracting(ModelVersion::text).containsExactly("1", "3");
    }

    @Test
    void removeRefusesBoundAndFactoryVersionsNamingWhy() throws Exception {
        ModelStore s = store(dir.resolve("store"), 1 << 20);
        Path f = writeModel(dir, "m.onnx", 1);
        s.install(InstallRequest.of("m", "1", f));
        s.install(InstallRequest.of("m", "2", f));
        s.saveBindings(List.of(new AppBinding("pets", "m", VersionConstraint.of("*"), ModelVersion.of("2"))));
        assertThatThrownBy(() -> s.remove("m", ModelVersion.of("2"))).hasMessageContaining("apps [pets] run it");
        assertThatThrownBy(() -> s.remove("m", ModelVersion.of("1"))).hasMessageContaining("factory version");
        assertThatThrownBy(() -> s.remove("m", ModelVersion.of("9"))).hasMessageContaining("m has no version 9");
        assertThatThrownBy(() -> s.remove("nope", ModelVersion.of("1"))).hasMessageContaining("unknown model 'nope'");
        assertThat(s.versions("m")).hasSize(2);
    }

    @Test
    void unsafeNamesAndVersionsAreRefused() {
        assertThatThrownBy(() -> InstallRequest.of("../etc", "1", dir)).hasMessageContaining("invalid model name");
        assertThatThrownBy(() -> ModelVersion.of("1/../../x")).hasMessageContaining("invalid model version");
        assertThatThrownBy(() -> VersionConstraint.of(">=1 <")).hasMessageContaining("invalid version constraint");
    }

    @Test
    void versionsCompareNumericallyAndConstraintsSelect() {
        assertThat(ModelVersion.of("1.10")).isGreaterThan(ModelVersion.of("1.9"));
        assertThat(ModelVersion.of("2.0")).isGreaterThan(ModelVersion.of("2.0-rc1"));
        assertThat(VersionConstraint.of("^1.2").accepts(ModelVersion.of("1.9"))).isTrue();
        assertThat(VersionConstraint.of("^1.2").accepts(ModelVersion.of("2.0"))).isFalse();
        assertThat(VersionConstraint.of("^1.2").accepts(ModelVersion.of("1.1"))).isFalse();
        assertThat(VersionConstraint.of("~1.2").accepts(ModelVersion.of("1.3"))).isFalse();
        assertThat(VersionConstraint.of(">=1.0 <2").accepts(ModelVersion.of("1.5")))
                .isTrue();
        assertThat(VersionConstraint.of("1.0.0").accepts(ModelVersion.of("1.0.1")))
                .isFalse();
        assertThat(VersionConstraint.ANY.accepts(ModelVersion.of("7"))).isTrue();
    }
}
