package dev.vela.samples.signal.speech;

import static dev.vela.samples.signal.speech.MicroSpeechFeatureChainTest.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.Model;
import dev.vela.runtime.audio.Classification;
import dev.vela.runtime.audio.SpeechPipeline;
import dev.vela.runtime.audio.SpeechPipelinePackage;
import dev.vela.runtime.audio.SpeechPipelineSpec;
import dev.vela.runtime.bench.accuracy.AccuracyResult;
import dev.vela.runtime.bench.accuracy.AccuracyRun;
import dev.vela.runtime.bench.accuracy.LabelledSet;
import dev.vela.runtime.bench.accuracy.PipelineScorer;
import dev.vela.runtime.error.UnsupportedOperatorException;
import dev.vela.runtime.pack.PackageFormatException;
import dev.vela.runtime.pack.PackageMetadata;
import dev.vela.runtime.pack.PackageWriter;
import dev.vela.runtime.pack.PinnedDefinition;
import dev.vela.runtime.pack.PipelinePackage;
import dev.vela.runtime.pack.PipelineWriter;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.samples.signal.SignalProvider;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The micro_speech pipeline as one {@code .vela} pipeline package: both models, the framing, the labels and the
 * link between them in one file, with the nine signal definitions pinned. It gives TFLite Micro's four labels and the
 * same features as the pipeline described by a properties file; without the plugin, or with another schema, it is
 * refused naming the operator; a damaged file is refused naming what is damaged.
 */
class SpeechPipelinePackageTest {
    @TempDir
    Path dir;

    private Path packed;

    @BeforeEach
    void pack() throws Exception {
        packed = dir.resolve("micro_speech.vela");
        SpeechPipelinePackage.write(
                SpeechPipelineSpec.load(SpeechPipelineOnRuntimeTest.spec(data(), dir)),
                SignalPlugins.partitioner(),
                packed);
    }

    @Test
    void thePackagedPipelineGivesTfliteMicrosFourLabels() throws Exception {
        SpeechPipeline pipeline = SpeechPipeline.open(packed, SignalPlugins.partitioner());
        for (Map.Entry<String, String> e : SpeechPipelineOnRuntimeTest.EXPECTED.entrySet()) {
            Classification c = pipeline.classify(data().resolve("tflite/tflite-micro-testdata/" + e.getKey() + ".wav"));
            assertThat(c.label()).as(e.getKey() + ": " + c).isEqualTo(e.getValue());
        }
    }

    @Test
    void accuracyOverTheFourClipsThroughThePackage() throws Exception {
        Path clips = data().resolve("tflite/tflite-micro-testdata");
        Path labels = dir.resolve("speech.txt");
        StringBuilder text = new StringBuilder();
        SpeechPipelineOnRuntimeTest.EXPECTED.forEach(
                (clip, label) -> text.append(clips.resolve(clip + ".wav").toAbsolutePath())
                        .append(' ')
                        .append(label)
                        .append('\n'));
        Files.writeString(labels, text);
        SpeechPipeline pipeline = SpeechPipeline.open(packed, SignalPlugins.partitioner());
        AccuracyResult r = AccuracyRun.run(
                LabelledSet.read(labels, pipeline.spec().labels()),
                new PipelineScorer(pipeline),
                new PipelineScorer(SpeechPipeline.open(
                        SpeechPipelineOnRuntimeTest.spec(data(), dir), SignalPlugins.partitioner())),
                "the properties-file pipeline",
                n -> {});
        assertThat(r.samples()).isEqualTo(4);
        assertThat(r.top1()).isEqualTo(1.0);
        assertThat(r.agreement().top1Agreement()).isEqualTo(1.0);
        assertThat(r.agreement().maxAbsDiff()).isZero();
    }

    @Test
    void thePackagedModelsGiveTheSameFeaturesAsTheDescribedOnes() throws Exception {
        Path wav = data().resolve("tflite/tflite-micro-testdata/yes_1000ms.wav");
        Tensor fromPackage =
                SpeechPipeline.open(packed, SignalPlugins.partitioner()).features(wav);
        Tensor fromFiles = SpeechPipeline.open(
                        SpeechPipelineOnRuntimeTest.spec(data(), dir), SignalPlugins.partitioner())
                .features(wav);
        assertThat(fromPackage.type()).isEqualTo(fromFiles.type());
        assertThat(fromPackage.toByteArray()).isEqualTo(fromFiles.toByteArray());
    }

    @Test
    void theManifestHoldsTheConfigurationTheLinkAndTheNineDefinitions() throws Exception {
        PipelinePackage p = PipelinePackage.read(packed);
        assertThat(p.manifest())
                .containsEntry("kind", "speech")
                .containsEntry("sample_rate", "16000")
                .containsEntry("window_ms", "30")
                .containsEntry("stride_ms", "20")
                .containsEntry("frames", "49")
                .containsEntry("labels", "silence, unknown, yes, no")
                .containsEntry("features.model", "features")
                .containsEntry("classifier.model", "classifier")
                .containsKeys("features.output", "classifier.input");
        assertThat(p.members().keySet()).containsExactly("features", "classifier");
        assertThat(p.member("features").metadata().sourceName()).isEqualTo("audio_preprocessor_int8.tflite");
        Map<OpId, String> plugin = new SignalProvider()
                .definitions().stream()
                        .collect(Collectors.toMap(OperatorDefinition::op, OperatorDefinition::schemaHash));
        assertThat(p.definitions()).hasSize(9).allSatisfy(pin -> {
            assertThat(pin.member()).isEqualTo("features");
            assertThat(pin.schemaSha256()).isEqualTo(plugin.get(pin.op()));
        });
    }

    @Test
    void withoutThePluginThePackageIsRefusedNamingTheOperator() {
        Partitioner referenceOnly = Partitioner.of(KernelRegistry.reference());
        assertThatThrownBy(() -> SpeechPipeline.open(packed, referenceOnly))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining(packed.toString())
                .hasMessageContaining("custom operator tflite:SignalWindow v1")
                .hasMessageContaining(
                        "(model 'features') is defined by no admitted provider: load a plugin that " + "defines it");
    }

    @Test
    void aDefinitionWithAnotherSchemaIsRefused() throws Exception {
        Model features = Model.load(
                data().resolve("tflite/tflite-micro/audio_preprocessor_int8.tflite"), SignalPlugins.partitioner());
        Model classifier = Model.load(data().resolve("tflite/tflite-micro/micro_speech_quantized.tflite"));
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("features", packageBytes(features));
        members.put("classifier", packageBytes(classifier));
        Map<String, String> config =
                new LinkedHashMap<>(PipelinePackage.read(packed).manifest());
        Path other = dir.resolve("other-schema.vela");
        PipelineWriter.write(
                other,
                config,
                members,
                List.of(new PinnedDefinition(OpId.of("tflite", "SignalWindow"), 1, "0".repeat(64), "features")));
        assertThatThrownBy(() -> SpeechPipeline.open(other, SignalPlugins.partitioner()))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("custom operator tflite:SignalWindow v1 (schema 000000000000) (model 'features'):"
                        + " the admitted definition tflite:SignalWindow v1 by signal-sample")
                .hasMessageContaining("has another schema");
    }

    @Test
    void damagedFilesAreRefusedNamingWhatIsDamaged() throws Exception {
        byte[] good = Files.readAllBytes(packed);

        byte[] manifest = good.clone();
        manifest[45] ^= 1;
        assertRefused(manifest, "the manifest (bytes 40-", "does not match its checksum");

        byte[] member = good.clone();
        member[member.length - 100] ^= 1;
        assertRefused(member, "model 'classifier'", "does not match its SHA-256");

        assertRefused(java.util.Arrays.copyOf(good, good.length / 2), "truncated or corrupt: model '", "lies outside");
        assertRefused(java.util.Arrays.copyOf(good, 20), "truncated: the header needs 40 bytes");

        byte[] newer = good.clone();
        ByteBuffer header = ByteBuffer.wrap(newer).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort(8, (short) 2);
        CRC32C crc = new CRC32C();
        crc.update(newer, 0, 28);
        header.putInt(28, (int) crc.getValue());
        assertRefused(newer, "pipeline format version 2.0", "use a newer runtime or pack the pipeline again");

        byte[] version = good.clone();
        version[9] ^= 1;
        assertRefused(version, "the header (bytes 0-27) does not match its checksum");

        assertThatThrownBy(() ->
                        SpeechPipeline.open(writeBytes("not.vela", "hello".getBytes()), SignalPlugins.partitioner()))
                .hasMessageContaining("not.vela");
    }

    @Test
    void aSingleModelPackageIsNotAPipeline() throws Exception {
        Path single = dir.resolve("classifier.vela");
        Files.write(
                single, packageBytes(Model.load(data().resolve("tflite/tflite-micro/micro_speech_quantized.tflite"))));
        assertThatThrownBy(() -> SpeechPipeline.open(single, SignalPlugins.partitioner()))
                .hasMessageContaining("classifier.vela: a single-model .vela package, not a pipeline");
    }

    private void assertRefused(byte[] content, String... parts) throws Exception {
        Path file = writeBytes("damaged.vela", content);
        var thrown = assertThatThrownBy(() -> SpeechPipeline.open(file, SignalPlugins.partitioner()))
                .isInstanceOf(PackageFormatException.class)
                .hasMessageContaining(file.toString());
        for (String part : parts) {
            thrown.hasMessageContaining(part);
        }
    }

    private Path writeBytes(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private byte[] packageBytes(Model model) throws Exception {
        Path file = Files.createTempFile(dir, "member", ".vela");
        PackageWriter.write(file, model.graph(), PackageMetadata.of("test", "m", "0"));
        return Files.readAllBytes(file);
    }
}
