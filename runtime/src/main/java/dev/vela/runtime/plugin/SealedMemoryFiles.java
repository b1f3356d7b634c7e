package dev.vela.runtime.plugin;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Copies in sealed memory files ({@code memfd_create}, then {@code F_SEAL_WRITE}, {@code F_SEAL_SHRINK},
 * {@code F_SEAL_GROW} and {@code F_SEAL_SEAL}): files that never had a name in a directory and that nobody, this
 * process included, can change once sealed. Java 17 cannot call {@code memfd_create}; the foreign function API
 * (final in JDK 22) can, and is reached by reflection so that the runtime still builds and runs on 17. Used only
 * where the JDK has that API and native access is enabled for the runtime's module
 * ({@code --enable-native-access=dev.vela.runtime}, or {@code ALL-UNNAMED} on the class path): calling a restricted
 * method otherwise makes the JDK warn (or, configured so, refuse). Elsewhere the runtime uses
 * {@link UnnamedLibraryFile}.
 */
final class SealedMemoryFiles {

    private static final int MFD_CLOEXEC = 0x1;
    private static final int MFD_ALLOW_SEALING = 0x2;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_GET_SEALS = 1034;

    /** F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE. */
    static final int ALL_SEALS = 0x1 | 0x2 | 0x4 | 0x8;

    private static final Optional<SealedMemoryFiles> AVAILABLE = probe();

    private final MethodHandle memfdCreate;
    private final MethodHandle fcntl;
    private final MethodHandle close;
    private final Method ofConfinedArena;
    private final Method allocateString;

    private SealedMemoryFiles(
            MethodHandle memfdCreate,
            MethodHandle fcntl,
            MethodHandle close,
            Method ofConfinedArena,
            Method allocateString) {
        this.memfdCreate = memfdCreate;
        this.fcntl = fcntl;
        this.close = close;
        this.ofConfinedArena = ofConfinedArena;
        this.allocateString = allocateString;
    }

    /** @return sealed memory files, where this JDK and its settings allow them */
    static Optional<SealedMemoryFiles> available() {
        return AVAILABLE;
    }

    private static Optional<SealedMemoryFiles> probe() {
        if (!UnnamedLibraryFile.supported() || Runtime.version().feature() < 22) {
            return Optional.empty();
        }
        try {
            Module runtime = SealedMemoryFiles.class.getModule();
            if (!(Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(runtime)) {
                return Optional.empty();
            }
            Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
            Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
            Object linker = linkerType.getMethod("nativeLinker").invoke(null);
            Object libc = linkerType.getMethod("defaultLookup").invoke(linker);
            Object javaInt = valueLayoutType.getField("JAVA_INT").get(null);
            Object address = valueLayoutType.getField("ADDRESS").get(null);
            Method find = lookupType.getMethod("find", String.class);
            Method describe = descriptorType.getMethod("of", layoutType, layoutType.arrayType());
            Method downcall =
                    linkerType.getMethod("downcallHandle", segmentType, descriptorType, optionType.arrayType());
            Object noOptions = Array.newInstance(optionType, 0);
            Object variadicFromThird = Array.newInstance(optionType, 1);
            Array.set(
                    variadicFromThird,
                    0,
                    optionType.getMethod("firstVariadicArg", int.class).invoke(null, 2));
            MethodHandle memfdCreate = (MethodHandle) downcall.invoke(
                    linker,
                    symbol(find, libc, "memfd_create"),
                    describe.invoke(null, javaInt, layouts(layoutType, address, javaInt)),
                    noOptions);
            MethodHandle fcntl = (MethodHandle) downcall.invoke(
                    linker,
                    symbol(find, libc, "fcntl"),
                    describe.invoke(null, javaInt, layouts(layoutType, javaInt, javaInt, javaInt)),
                    variadicFromThird);
            MethodHandle close = (MethodHandle) downcall.invoke(
                    linker,
                    symbol(find, libc, "close"),
                    describe.invoke(null, javaInt, layouts(layoutType, javaInt)),
                    noOptions);
            Method ofConfined = Class.forName("java.lang.foreign.Arena").getMethod("ofConfined");
            Method allocateFrom =
                    Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocateFrom", String.class);
            return Optional.of(new SealedMemoryFiles(memfdCreate, fcntl, close, ofConfined, allocateFrom));
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            // an API that differs from JDK 22's: the unlinked file serves instead
            return Optional.empty();
        }
    }

    private static Object symbol(Method find, Object lookup, String name) throws ReflectiveOperationException {
        return ((Optional<?>) find.invoke(lookup, name))
                .orElseThrow(() -> new NoSuchMethodException("no " + name + " in the C library"));
    }

    private static Object layouts(Class<?> layoutType, Object... layouts) {
        Object array = Array.newInstance(layoutType, layouts.length);
        for (int i = 0; i < layouts.length; i++) {
            Array.set(array, i, layouts[i]);
        }
        return array;
    }

    /**
     * @param name the memory file's name (the library's file name, shown as {@code /memfd:<name>})
     * @param verified the bytes to copy
     * @return the sealed copy, its size and SHA-256 checked
     * @throws IOException when the copy cannot be made or sealed, or does not hold the verified bytes
     */
    UnnamedLibraryFile create(String name, byte[] verified) throws IOException {
        int fd = memfdCreate(name);
        boolean kept = false;
        try {
            Path path = Path.of("/proc/self/fd/" + fd);
            try (FileChannel out = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ByteBuffer source = ByteBuffer.wrap(verified);
                while (source.hasRemaining()) {
                    out.write(source);
                }
            }
            if (call(fcntl, fd, F_ADD_SEALS, ALL_SEALS) != 0 || call(fcntl, fd, F_GET_SEALS, 0) != ALL_SEALS) {
                throw new IOException("cannot seal the memory file /memfd:" + name);
            }
            UnnamedLibraryFile copy = UnnamedLibraryFile.ofDescriptor(fd, () -> closeDescriptor(fd), verified);
            kept = true;
            return copy;
        } finally {
            if (!kept) {
                closeDescriptor(fd);
            }
        }
    }

    private int memfdCreate(String name) throws IOException {
        try (AutoCloseable arena = (AutoCloseable) ofConfinedArena.invoke(null)) {
            Object cName = allocateString.invoke(arena, name);
            int fd = (int) memfdCreate.invoke(cName, MFD_CLOEXEC | MFD_ALLOW_SEALING);
            if (fd < 0) {
                throw new IOException("memfd_create failed for " + name);
            }
            return fd;
        } catch (IOException e) {
            throw e;
        } catch (InvocationTargetException e) {
            throw new IOException("memfd_create failed for " + name + ": " + e.getCause(), e.getCause());
        } catch (Throwable e) {
            throw new IOException("memfd_create failed for " + name + ": " + e, e);
        }
    }

    private void closeDescriptor(int fd) throws IOException {
        if (call(close, fd) != 0) {
            throw new IOException("cannot close descriptor " + fd);
        }
    }

    private static int call(MethodHandle function, int... arguments) throws IOException {
        try {
            return switch (arguments.length) {
                case 1 -> (int) function.invoke(arguments[0]);
                case 3 -> (int) function.invoke(arguments[0], arguments[1], arguments[2]);
                default -> throw new IllegalArgumentException("arity " + arguments.length);
            };
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }
}
