package dev.vela.runtime.debug;

import dev.vela.runtime.io.Npy;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * File names for tensor names: {@link Npy#safeFileName} made unique within one folder, case-insensitively (two names
 * that sanitize alike, or differ only in case, get {@code _1}, {@code _2}, ... so no file overwrites another on any
 * file system).
 */
public final class SafeFileNames {

    private final Set<String> used = new HashSet<>();

    /**
     * @param tensorName a tensor's name, any characters
     * @return a file-safe base name (no extension) not handed out before by this instance
     */
    public String next(String tensorName) {
        String base = Npy.safeFileName(tensorName);
        String name = base;
        for (int i = 1; !used.add(name.toLowerCase(Locale.ROOT)); i++) {
            name = base + "_" + i;
        }
        return name;
    }
}
