package dev.vela.runtime.plugin;

import java.net.URLStreamHandler;
import java.net.spi.URLStreamHandlerProvider;

/**
 * Makes the {@code vela-plugin:} scheme of in-memory plugin entries known to the JDK (declared in
 * {@code META-INF/services/java.net.spi.URLStreamHandlerProvider}), so a library that rebuilds such a URL from its
 * text, as JavaCPP does before extracting a native library, reads the same verified bytes. The JDK finds it when
 * the runtime is on the application class path.
 */
public final class PluginUrlProvider extends URLStreamHandlerProvider {

    /** Needed by the service loader. */
    public PluginUrlProvider() {}

    @Override
    public URLStreamHandler createURLStreamHandler(String protocol) {
        return PluginUrls.PROTOCOL.equals(protocol) ? PluginUrls.HANDLER : null;
    }
}
