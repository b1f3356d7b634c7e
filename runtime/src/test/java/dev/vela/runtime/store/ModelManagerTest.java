package dev.vela.runtime.store;

import static dev.vela.runtime.store.StoreFixtures.constantOf;
import static dev.vela.runtime.store.StoreFixtures.input;
import static dev.vela.runtime.store.StoreFixtures.store;
import static dev.vela.runtime.store.StoreFixtures.writeModel;
import static dev.vela.runtime.store.StoreFixtures.writeSelfTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManagerTest {

    @TempDir
    Path dir;

    private ModelManager manager(long quota) throws Exception {
        ModelStore s = store(dir.resolve("store"), quota);
        s.install(InstallRequest.of("detector", "1.0", writeModel(dir, "v1.onnx", 1)));
        s.install(InstallRequest.of("detector", "2.0", writeModel(dir, "v2.onnx", 2))
                .withSelfTest(writeSelfTest(dir, "v2.selftest.json", 2)));
        return ModelManager.open(s);
    }

    private static Map<String, VersionConstraint> uses(String model, String constraint) {
        return Map.of(model, VersionConstraint.of(constraint));
    }

    private float run(ModelManager m, String app) {
        return constantOf(m.run(app, "detector", Map.of("x", input())));
    }

    @Test
    void appsRunningTheSameVersionShareOneLoadedModelWithTheirOwnSessions() throws Exception {
        try (ModelManager m = manager(1 << 20)) {
            m.declareApp("pets", uses("detector", "1.0"));
            m.declareApp("gestures", uses("detector", "*")); // prefers the version already loaded for pets
            assertThat(m.loadedModel("pets", "detector")).isSameAs(m.loadedModel("gestures", "detector"));
            assertThat(m.loadedVersionCount()).isEqualTo(1);
            assertThat(run(m, "pets")).isEqualTo(1);
            assertThat(run(m, "gestures")).isEqualTo(1);
            // queries in both directions
            StoreQuery q = m.query();
            assertThat(q.models())
                    .filteredOn(e -> e.metadata().version().text().equals("1.0"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.apps()).containsExactly("gestures", "pets"));
            assertThat(q.versionsOf("pets")).containsEntry("detector", ModelVersion.of("1.0"));
            // switching one app loads the second version once; the first stays for the other app
            m.reload("detector", ModelVersion.of("2.0"), Optional.of("gestures"));
            assertThat(run(m, "gestures")).isEqualTo(2);
            assertThat(run(m, "pets")).isEqualTo(1);
            assertThat(m.loadedVersionCount()).isEqualTo(2);
        }
    }

    @Test
    void hotReloadUnderFourThreadsFailsNoRequestAndEveryResultIsFromTheOldOrNewVersion() throws Exception {
        try (ModelManager m = manager(1 << 20)) {
            m.declareApp("pets", uses("detector", "*"));
            m.reload("detector", ModelVersion.of("1.0"), Optional.empty());
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Float> seen = new ConcurrentLinkedQueue<>();
            AtomicLong requests = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread w = new Thread(() -> {
                    float last = 1;
                    while (!stop.get()) {
                        try {
                            Inference inf = m.run("pets", "detector", Map.of("x", input()));
                            float c = constantOf(inf);
                            // the output agrees with the version that says it ran it, and versions only go forward
                            // or back by whole reloads, never a mix
                            if (c != Float.parseFloat(inf.version().text())) {
                                failures.add(new AssertionError("version " + inf.version() + " produced " + c));
                            }
                            if (c != last) {
                                seen.add(c);
                                last = c;
                            }
                            requests.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                });
                w.start();
                workers.add(w);
            }
            for (int i = 0; i < 20; i++) {
                m.reload("detector", ModelVersion.of(i % 2 == 0 ? "2.0" : "1.0"), Optional.empty());
                Thread.sleep(10);
            }
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
            assertThat(failures).isEmpty();
            assertThat(seen).containsOnly(1f, 2f).isNotEmpty();
            assertThat(requests.get()).isGreaterThan(0);
            System.out.println("hot reload: " + requests.get() + " requests on 4 threads across 20 reloads, 0 failed");
        }
    }

    @Test
    void aFailingSelfTestRollsBackAndTheRunningVersionKeepsServing() throws Exception {
        try (ModelManager m = manager(1 << 20)) {
            m.store()
                    .install(InstallRequest.of("detector", "3.0", writeModel(dir, "v3.onnx", 3))
                            .withSelfTest(writeSelfTest(dir, "v3.selftest.json", 30))); // expects the wrong output
            m.declareApp("pets", uses("detector", "1.0 ")); // accepts exactly 1.0 ...
            m.declareApp("pets", uses("detector", ">=1")); // ... re-declared: keeps 1.0, accepts more
            assertThatThrownBy(() -> m.reload("detector", ModelVersion.of("3.0"), Optional.empty()))
                    .isInstanceOf(ModelStoreException.class)
                    .hasMessageContaining("reload of detector@3.0 rolled back, apps keep pets on 1.0")
                    .hasMessageContaining("self-test failed")
                    .hasMessageContaining("output 'y' element 0 is 4.0, expected 31.0");
            assertThat(run(m, "pets")).isEqualTo(1);
            assertThat(m.query().versionsOf("pets")).containsEntry("detector", ModelVersion.of("1.0"));
            assertThat(m.loadedVersionCount()).isEqualTo(1);
            // and a version whose self-test passes switches
            m.reload("detector", ModelVersion.of("2.0"), Optional.empty());
            assertThat(run(m, "pets")).isEqualTo(2);
        }
    }

    @Test
    void aFileAlteredInTheStoreIsRefusedAtReload() throws Exception {
        try (ModelManager m = manager(1 << 20)) {
            m.declareApp("pets", uses("detector", "*"));
            m.reload("detector", ModelVersion.of("1.0"), Optional.empty());
            Path file = dir.resolve("store/models/detector/2.0/model.onnx");
            Files.write(file, StoreFixtures.addModel(7));
            assertThatThrownBy(() -> m.reload("detector", ModelVersion.of("2.0"), Optional.empty()))
                    .hasMessageContaining("its file in the store was altered");
            assertThat(run(m, "pets")).isEqualTo(1);
        }
    }

    @Test
    void aBoundVersionAlteredWhileTheDeviceWasOffIsReportedAndAReloadRepairsIt() throws Exception {
        try (ModelManager m = manager(1 << 20)) {
            m.declareApp("pets", uses("detector", "*"));
            m.declareApp("gestures", uses("detector", "1.0"));
        }
        Files.write(dir.resolve("store/models/detector/2.0/model.onnx"), StoreFixtures.addModel(9));
        try (ModelManager m = ModelManager.open(store(dir.resolve("store"), 1 << 20))) {
            assertThat(m.problems()).containsOnlyKeys("pets/detector");
            assertThat(run(m, "gestures")).isEqualTo(1); // the other app is not held back
            assertThatThrownBy(() -> run(m, "pets"))
                    .hasMessageContaining("app pets cannot run detector:"
                            + " detector@2.0 does not load: detector@2.0 refused: its file in the store was altered");
            m.reload("detector", ModelVersion.of("1.0"), Optional.of("pets"));
            assertThat(run(m, "pets")).isEqualTo(1);
            assertThat(m.problems()).isEmpty();
        }
    }

    @Test
    void resetReturnsEveryAppToTheFactoryVersionAndRemovesTheOthers() throws Exception {
        try (ModelManager m = manager(1 << 20)) {
            m.declareApp("pets", uses("detector", "*"));
            m.declareApp("gestures", uses("detector", "*"));
            m.reload("detector", ModelVersion.of("2.0"), Optional.empty());
            assertThat(run(m, "pets")).isEqualTo(2);
            List<ReloadResult> r = m.reset(Optional.of("detector"));
            assertThat(r)
                    .singleElement()
                    .satisfies(x -> assertThat(x.previous()).containsOnlyKeys("pets", "gestures"));
            assertThat(run(m, "pets")).isEqualTo(1);
            assertThat(run(m, "gestures")).isEqualTo(1);
            assertThat(m.store().versions("detector"))
                    .extracting(ModelVersion::text)
                    .containsExactly("1.0");
        }
        // the state survives a restart of the device
        try (ModelManager again = ModelManager.open(store(dir.resolve("store"), 1 << 20))) {
            assertThat(run(again, "pets")).isEqualTo(1);
        }
    }

    @Test
    void badInputGetsClearErrorsAndNothingChanges() throws Exception {
        try (ModelManager m = manager(1 << 20)) {
            m.declareApp("pets", uses("detector", "^1"));
            m.declareApp("gestures", uses("detector", "*"));
            assertThatThrownBy(() -> m.run("nobody", "detector", Map.of("x", input())))
                    .hasMessageContaining("unknown app 'nobody' (apps: [gestures, pets])");
            assertThatThrownBy(() -> m.run("pets", "other", Map.of("x", input())))
                    .hasMessageContaining("app pets does not use model 'other' (it uses [detector])");
            assertThatThrownBy(() -> m.declareApp("cats", uses("unknown", "*")))
                    .hasMessageContaining("app cats uses unknown model 'unknown' (installed: [detector])");
            assertThatThrownBy(() -> m.declareApp("cats", uses("detector", "^5")))
                    .hasMessageContaining(
                            "accepts detector ^5 but no installed version matches" + " (installed: [1.0, 2.0])");
            assertThatThrownBy(() -> m.reload("detector", ModelVersion.of("9.9"), Optional.empty()))
                    .hasMessageContaining("model detector has no version 9.9 (installed: [1.0, 2.0])");
            // the version conflict between apps: gestures accepts 2.0, pets does not; all or nothing
            assertThatThrownBy(() -> m.reload("detector", ModelVersion.of("2.0"), Optional.empty()))
                    .hasMessageContaining("version conflict: cannot switch detector to 2.0: app pets accepts"
                            + " detector ^1;"
                            + " nothing was switched");
            assertThat(run(m, "gestures")).isEqualTo(1);
            // one app alone may switch
            m.reload("detector", ModelVersion.of("2.0"), Optional.of("gestures"));
            assertThat(run(m, "gestures")).isEqualTo(2);
            assertThat(run(m, "pets")).isEqualTo(1);
            assertThat(m.apps()).containsExactly("gestures", "pets");
            assertThatThrownBy(() -> m.reset(Optional.of("ghost"))).hasMessageContaining("unknown model 'ghost'");
        }
    }

    @Test
    void aFullStoreRefusesTheInstallWhileTheRunningVersionKeepsServing() throws Exception {
        Path v1 = writeModel(dir, "v1.onnx", 1);
        ModelStore roomy = store(dir.resolve("store"), 1 << 20);
        roomy.install(InstallRequest.of("detector", "1.0", v1));
        roomy.install(InstallRequest.of("detector", "1.1", writeModel(dir, "v11.onnx", 5)));
        // a quota with room for less than one more version
        ModelStore s = store(dir.resolve("store"), roomy.usedBytes() + Files.size(v1) / 2);
        try (ModelManager m = ModelManager.open(s)) {
            m.declareApp("pets", uses("detector", "1.0"));
            assertThatThrownBy(() -> m.install(InstallRequest.of("detector", "2.0", writeModel(dir, "v2.onnx", 2))))
                    .isInstanceOf(StoreFullException.class)
                    .hasMessageContaining("store full: detector@2.0 needs");
            assertThat(run(m, "pets")).isEqualTo(1);
            assertThat(m.store().versions("detector"))
                    .extracting(ModelVersion::text)
                    .containsExactly("1.0", "1.1");
            assertThat(m.gc()).extracting(ModelMetadata::id).containsExactly("detector@1.1");
            m.install(InstallRequest.of("detector", "2.0", dir.resolve("v2.onnx")));
        }
    }

    @Test
    void aModelNeedingAPluginThatIsNotAdmittedIsRefusedBeforeTheSwitch() throws Exception {
        try (ModelManager m = manager(1 << 20)) {
            m.declareApp("pets", uses("detector", "*"));
            m.store()
                    .install(InstallRequest.of("detector", "4.0", writeModel(dir, "v4.onnx", 4))
                            .requiringPlugins(List.of("acme-npu")));
            assertThatThrownBy(() -> m.reload("detector", ModelVersion.of("4.0"), Optional.empty()))
                    .hasMessageContaining("admission failed: detector@4.0 requires plugin 'acme-npu', which is not"
                            + " admitted on this device (admitted providers: [vela-reference])");
            assertThat(run(m, "pets")).isEqualTo(2);
        }
    }

    @Test
    void servesARealModelWhenTheDataIsPresent() throws Exception {
        Path mnist = Path.of(System.getProperty("vela.data", "../shared/data"), "onnx/models/mnist_8/model.onnx");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(mnist), "mnist_8 absent: " + mnist);
        ModelStore s = store(dir.resolve("store"), 64 << 20);
        ModelMetadata meta = s.install(InstallRequest.of("mnist", "8", mnist));
        assertThat(meta.operators()).contains("Conv", "MaxPool", "Reshape");
        try (ModelManager m = ModelManager.open(s)) {
            m.declareApp("digits", uses("mnist", "*"));
            m.declareApp("kiosk", uses("mnist", "8"));
            assertThat(m.loadedModel("digits", "mnist")).isSameAs(m.loadedModel("kiosk", "mnist"));
            var in = dev.vela.spi.Tensor.ofFloats(dev.vela.spi.Shape.of(1, 1, 28, 28), new float[784]);
            assertThat(m.run(
                                    "digits",
                                    "mnist",
                                    Map.of(
                                            m.loadedModel("digits", "mnist")
                                                    .inputs()
                                                    .get(0)
                                                    .name(),
                                            in))
                            .outputs())
                    .hasSize(1);
        }
    }
}
