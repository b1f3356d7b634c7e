package dev.vela.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {

    /** Registered in this module's test META-INF/services. */
    public static final class SampleProvider implements OperatorProvider {
        @Override
        public ProviderInfo info() {
            return ProviderInfo.of("sample", "Test", "1", DeviceKind.CPU);
        }

        @Override
        public List<KernelFactory> factories() {
            return List.of();
        }
    }

    @Test
    void findsProvidersDeclaredAsServices() {
        List<OperatorProvider> found = ProviderDiscovery.discover(getClass().getClassLoader());
        assertThat(found).extracting(p -> p.info().id()).contains("sample");
    }

    @Test
    void aBrokenDeclarationNamesTheProvider(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(OperatorProvider.class.getName()), "com.acme.Missing\n");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> ProviderDiscovery.discover(loader))
                    .isInstanceOf(VelaException.class)
                    .hasMessageContaining("com.acme.Missing");
        }
    }
}
