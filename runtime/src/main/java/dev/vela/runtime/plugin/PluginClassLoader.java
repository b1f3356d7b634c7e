package dev.vela.runtime.plugin;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.net.URL;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.SecureClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The class loader of one plugin jar, defining classes and serving resources from the jar's verified bytes in
 * memory ({@link JarEntries}), never from the file, which may have changed since it was hashed. The SPI
 * ({@code dev.vela.spi}) and the JDK come from the runtime, so plugin and runtime agree on the types they
 * exchange; every other class is looked up in the plugin jar first. A plugin therefore ships its dependencies inside
 * its jar (shaded) and uses its own versions of them, even when the application has other versions of the same
 * libraries on its class path (JavaCPP, say). Resources have {@code vela-plugin:} URLs ({@link PluginUrls}), except
 * native libraries: those are served as unnamed copies of the verified bytes ({@link PluginNativeLibraries}), for
 * JavaCPP and for {@code System.load}/{@code System.loadLibrary} called by the plugin.
 */
final class PluginClassLoader extends SecureClassLoader {

    /** Larger class files are refused: the JVM's own limits keep real ones far below. */
    private static final int MAX_CLASS_BYTES = 64 << 20;

    static {
        registerAsParallelCapable();
    }

    /** Releases the native library copies of plugins whose class loader is gone. */
    private static final Cleaner NATIVE_COPIES = Cleaner.create();

    private final JarEntries jar;
    private final CodeSource codeSource;
    private final PluginNativeLibraries nativeLibraries;

    PluginClassLoader(String name, JarEntries jar, ClassLoader runtime) {
        this(name, jar, runtime, new PluginNativeLibraries(jar));
    }

    PluginClassLoader(String name, JarEntries jar, ClassLoader runtime, PluginNativeLibraries nativeLibraries) {
        super(name, runtime);
        this.jar = jar;
        PluginUrls.register(jar);
        this.codeSource = new CodeSource(PluginUrls.url(jar, ""), (CodeSigner[]) null);
        this.nativeLibraries = nativeLibraries;
        NATIVE_COPIES.register(this, nativeLibraries.releaser());
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
        if (sharedWithRuntime(className)) {
            return super.loadClass(className, resolve);
        }
        synchronized (getClassLoadingLock(className)) {
            Class<?> c = findLoadedClass(className);
            if (c == null) {
                try {
                    c = findClass(className);
                } catch (ClassNotFoundException notInPlugin) {
                    return super.loadClass(className, resolve);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String className) throws ClassNotFoundException {
        String entryName = className.replace('.', '/') + ".class";
        JarEntries.Entry entry = jar.find(entryName)
                .filter(e -> !e.isDirectory())
                .orElseThrow(() -> new ClassNotFoundException(className));
        byte[] bytes;
        try {
            bytes = jar.read(entry, MAX_CLASS_BYTES);
        } catch (IOException e) {
            // not ClassNotFoundException: a damaged class must not fall back to another copy of it
            throw new ClassFormatError(e.getMessage());
        }
        definePackageOf(className);
        return defineClass(className, bytes, 0, bytes.length, codeSource);
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String pkg = className.substring(0, dot);
        if (getDefinedPackage(pkg) != null) {
            return;
        }
        Attributes a = jar.manifest().map(Manifest::getMainAttributes).orElseGet(Attributes::new);
        try {
            definePackage(
                    pkg,
                    a.getValue(Attributes.Name.SPECIFICATION_TITLE),
                    a.getValue(Attributes.Name.SPECIFICATION_VERSION),
                    a.getValue(Attributes.Name.SPECIFICATION_VENDOR),
                    a.getValue(Attributes.Name.IMPLEMENTATION_TITLE),
                    a.getValue(Attributes.Name.IMPLEMENTATION_VERSION),
                    a.getValue(Attributes.Name.IMPLEMENTATION_VENDOR),
                    null);
        } catch (IllegalArgumentException definedMeanwhile) {
            // another thread defined it first: the same package
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws UnsatisfiedLinkError naming the jar and entry when a native library entry cannot be served as a
     *     verified copy: it is never served otherwise
     */
    @Override
    protected URL findResource(String resourceName) {
        return jar.find(resourceName)
                .map(e -> PluginNativeLibraries.isNativeLibrary(e.name())
                        ? nativeLibraries.url(e)
                        : PluginUrls.url(jar, e.name()))
                .orElse(null);
    }

    /** {@code System.loadLibrary} from plugin code: the verified copy of the library at the jar's root. */
    @Override
    protected String findLibrary(String libraryName) {
        return nativeLibraries.libraryPath(libraryName).orElse(null);
    }

    @Override
    protected Enumeration<URL> findResources(String resourceName) {
        URL own = findResource(resourceName);
        return own == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(own));
    }

    @Override
    public URL getResource(String resourceName) {
        // the plugin's own resources (its native libraries, its service files) before the application's
        URL own = findResource(resourceName);
        return own != null ? own : super.getResource(resourceName);
    }

    private static boolean sharedWithRuntime(String className) {
        return className.startsWith("java.")
                || className.startsWith("javax.")
                || className.startsWith("jdk.")
                || className.startsWith("sun.")
                || className.startsWith("dev.vela.spi.");
    }
}
