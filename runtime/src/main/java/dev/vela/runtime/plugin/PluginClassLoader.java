package dev.vela.runtime.plugin;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one plugin jar. The SPI ({@code dev.vela.spi}) and the JDK come from the runtime, so plugin
 * and runtime agree on the types they exchange; every other class is looked up in the plugin jar first. A plugin
 * therefore ships its dependencies inside its jar (shaded) and uses its own versions of them, even when the
 * application has other versions of the same libraries on its class path (JavaCPP, say).
 */
final class PluginClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    PluginClassLoader(String name, URL jar, ClassLoader runtime) {
        super(name, new URL[] {jar}, runtime);
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
    public URL getResource(String resourceName) {
        // the plugin's own resources (its native libraries, its service files) before the application's
        URL own = findResource(resourceName);
        return own != null ? own : super.getResource(resourceName);
    }

    private static boolean sharedWithRuntime(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("dev.vela.spi.");
    }
}
