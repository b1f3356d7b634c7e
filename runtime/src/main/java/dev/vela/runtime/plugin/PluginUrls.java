package dev.vela.runtime.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * URLs of the entries of plugin jars held in memory: {@code vela-plugin:/<jar SHA-256>/<entry>}. A plugin's class
 * loader hands these out for its resources (all but native libraries, which it serves as verified copies:
 * {@link PluginNativeLibraries}), so code that reads a resource through its URL (a service declaration, a file
 * JavaCPP extracts) reads the verified bytes, never the file. The URLs carry their handler; {@link PluginUrlProvider}
 * makes the protocol known to {@code new URL(String)} as well, for libraries that rebuild a URL from its text
 * (JavaCPP does).
 */
final class PluginUrls {

    /** The URL scheme. */
    static final String PROTOCOL = "vela-plugin";

    /**
     * Jars by SHA-256, for URLs rebuilt from their text; weak, so a jar's bytes go when its class loader goes. Jars
     * with the same SHA-256 have the same bytes, so any live one serves.
     */
    private static final Map<String, List<WeakReference<JarEntries>>> JARS = new ConcurrentHashMap<>();

    /** The handler of URLs rebuilt from text (see {@link PluginUrlProvider}). */
    static final URLStreamHandler HANDLER = new Handler(null);

    private PluginUrls() {}

    /** Makes a jar's entries reachable through their URLs. */
    static void register(JarEntries jar) {
        JARS.values().forEach(refs -> refs.removeIf(ref -> ref.get() == null));
        JARS.values().removeIf(List::isEmpty);
        JARS.computeIfAbsent(jar.image().sha256(), k -> new CopyOnWriteArrayList<>())
                .add(new WeakReference<>(jar));
    }

    private static Optional<JarEntries> registered(String sha256) {
        return JARS.getOrDefault(sha256, List.of()).stream()
                .map(WeakReference::get)
                .filter(j -> j != null)
                .findFirst();
    }

    /**
     * @param jar a registered jar
     * @param entryName an entry name, or empty for the jar's root
     * @return the entry's URL
     */
    static URL url(JarEntries jar, String entryName) {
        try {
            String text = new URI(PROTOCOL, null, "/" + jar.image().sha256() + "/" + entryName, null).toASCIIString();
            // the URL holds its jar: it works as long as the URL is reachable, whatever the registry holds
            return new URL(null, text, new Handler(jar));
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalArgumentException(
                    "cannot make a URL for entry '" + entryName + "' of "
                            + jar.image().source() + ": " + e.getMessage(),
                    e);
        }
    }

    private static final class Handler extends URLStreamHandler {
        private final JarEntries bound;

        Handler(JarEntries bound) {
            this.bound = bound;
        }

        @Override
        protected URLConnection openConnection(URL u) throws IOException {
            String path;
            try {
                path = u.toURI().getPath();
            } catch (URISyntaxException e) {
                throw new IOException("malformed " + PROTOCOL + " URL " + u, e);
            }
            int slash = path == null ? -1 : path.indexOf('/', 1);
            if (slash < 0) {
                throw new IOException("malformed " + PROTOCOL + " URL " + u + ": expected /<jar SHA-256>/<entry>");
            }
            String sha256 = path.substring(1, slash);
            JarEntries jar = (bound != null && bound.image().sha256().equals(sha256)
                            ? Optional.of(bound)
                            : registered(sha256))
                    .orElseThrow(() -> new IOException(u + ": the plugin jar is no longer loaded"));
            String name = path.substring(slash + 1);
            JarEntries.Entry entry = jar.find(name)
                    .orElseThrow(() -> new java.io.FileNotFoundException(
                            u + ": no entry " + name + " in " + jar.image().source()));
            return new EntryConnection(u, jar, entry);
        }

        // the defaults resolve the host through DNS; these URLs have none
        @Override
        protected boolean equals(URL a, URL b) {
            return a.toExternalForm().equals(b.toExternalForm());
        }

        @Override
        protected int hashCode(URL u) {
            return u.toExternalForm().hashCode();
        }

        @Override
        protected boolean sameFile(URL a, URL b) {
            return equals(a, b);
        }

        @Override
        protected boolean hostsEqual(URL a, URL b) {
            return java.util.Objects.equals(a.getHost(), b.getHost());
        }
    }

    /** 2000-01-01T00:00:00Z: the base of {@link #contentTime}, so that times stay in the range file systems keep. */
    private static final long CONTENT_TIME_BASE_MILLIS = 946_684_800_000L;

    /**
     * @param entry an entry of a verified jar
     * @return a modification time that identifies the entry's bytes: whole seconds from 2000 (up to 2136), one per
     *     CRC-32 value
     */
    static long contentTime(JarEntries.Entry entry) {
        return CONTENT_TIME_BASE_MILLIS + Integer.toUnsignedLong(entry.crc()) * 1000L;
    }

    /** A connection to one in-memory entry: its size as the jar records it and a time its bytes determine. */
    private static final class EntryConnection extends URLConnection {
        private final JarEntries jar;
        private final JarEntries.Entry entry;

        EntryConnection(URL url, JarEntries jar, JarEntries.Entry entry) {
            super(url);
            this.jar = jar;
            this.entry = entry;
        }

        @Override
        public void connect() {
            connected = true;
        }

        @Override
        public InputStream getInputStream() {
            connect();
            return jar.open(entry);
        }

        @Override
        public long getContentLengthLong() {
            return entry.size();
        }

        @Override
        public int getContentLength() {
            return entry.size();
        }

        /**
         * Not the time the jar records: reproducible builds give every entry the same time, and JavaCPP reuses a
         * file it extracted before when the cached file's size and time equal the resource's, so a plugin would get
         * whatever file of the same name and size an earlier jar (another build, another vendor) left in the cache.
         * The time returned is a function of the entry's CRC-32 (from the verified jar), which differs when the
         * bytes do: a changed entry is extracted again. Native libraries never take this path (the class loader
         * serves them as verified copies); an entry a plugin extracts itself through JavaCPP's cache still does.
         */
        @Override
        public long getLastModified() {
            return contentTime(entry);
        }

        @Override
        public String getContentType() {
            return guessContentTypeFromName(entry.name());
        }
    }
}
