package dev.vela.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.AttributeDefinition;
import dev.vela.spi.AttributeType;
import dev.vela.spi.DataType;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ParameterDefinition;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.Support;
import dev.vela.spi.TypeConstraint;
import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.CertifiedDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The loader admits a certified plugin's definitions only when they are the ones its certificate pins. */
class DefinitionPinsTest {

    static final OpId OP = OpId.of("com.acme", "Gain");

    static OperatorDefinition definition(long defaultGain) {
        return OperatorDefinition.builder(OP, 1)
                .typeConstraint(TypeConstraint.of("T", Set.of(DataType.INT16), "int16"))
                .input(ParameterDefinition.required("x", "T", "input"))
                .output(ParameterDefinition.required("y", "T", "output"))
                .attribute(AttributeDefinition.withDefault("gain", defaultGain, "gain"))
                .attribute(AttributeDefinition.optional("mode", AttributeType.STRING, "mode"))
                .inference(n -> List.of(n.inputType(0)))
                .reference(new KernelFactory() {
                    @Override
                    public OpId op() {
                        return OP;
                    }

                    @Override
                    public Set<KernelClaim> claims() {
                        return Set.of();
                    }

                    @Override
                    public Support supports(Node node) {
                        return Support.no("test");
                    }

                    @Override
                    public Kernel prepare(Node node) {
                        throw new InvalidNodeException(node, "test");
                    }
                })
                .build();
    }

    static OperatorProvider provider(OperatorDefinition d) {
        return new OperatorProvider() {
            @Override
            public ProviderInfo info() {
                return ProviderInfo.of("acme-dsp", "Acme", "1", DeviceKind.DSP);
            }

            @Override
            public List<KernelFactory> factories() {
                return List.of();
            }

            @Override
            public List<OperatorDefinition> definitions() {
                return List.of(d);
            }
        };
    }

    static Certificate certificate(CertifiedDefinition... pins) {
        Certificate.Builder b = Certificate.builder()
                .plugin("com.acme", "acme-dsp", "1")
                .jarSha256("00".repeat(32))
                .providerId("acme-dsp")
                .spiVersion(SpiVersion.of(1, 1))
                .kitVersion("0.1.0")
                .tolerancePolicy("1")
                .machine("x")
                .issuedAt(Instant.parse("2026-12-07T00:00:00Z"));
        for (CertifiedDefinition p : pins) {
            b.definition(p);
        }
        return b.build();
    }

    @Test
    void theCertifiedSchemaIsAdmitted() {
        OperatorDefinition d = definition(1);
        Certificate c = certificate(CertifiedDefinition.of(OP, 1, d.schemaHash(), Map.of()));
        assertThat(DefinitionPins.problem(provider(d), c)).isEmpty();
    }

    @Test
    void aCertificateForAnotherSchemaHashIsRefused() {
        Certificate issuedForOld =
                certificate(CertifiedDefinition.of(OP, 1, definition(1).schemaHash(), Map.of()));
        OperatorDefinition changed = definition(2); // another default: another schema
        assertThat(DefinitionPins.problem(provider(changed), issuedForOld))
                .get()
                .asString()
                .contains("its certificate was issued for com.acme:Gain v1 with schema "
                        + definition(1).schemaHash())
                .contains("the plugin defines schema " + changed.schemaHash());
        assertThat(DefinitionPins.problem(provider(changed), certificate()))
                .get()
                .asString()
                .contains("its certificate pins no definition of it");
    }
}
