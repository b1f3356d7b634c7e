package dev.vela.runtime.tflite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.OpResolver;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * TFLite 2.20's reference kernels ({@code tflite::ops::builtin::BuiltinRefOpResolver}) for the test oracle. The
 * bytedeco preset compiles and exports the resolver's constructor but maps no Java class for it, so a small JNI shim
 * ({@code src/test/native/vela_ref_resolver.cpp}) constructs it. The shim is compiled with {@code g++} on first use
 * into {@code target/native}, linked against the preset's own native library (the one JavaCPP has just loaded), so
 * the kernels are exactly the preset's. Where no compiler, JDK headers or native library exist, {@link
 * #unavailableReason()} says why and the tests that need it are skipped.
 */
final class ReferenceKernelResolver implements AutoCloseable {

    private static final String SOURCE = "src/test/native/vela_ref_resolver.cpp";
    private static String unavailable;
    private static boolean loaded;

    private final long address;
    private final OpResolver resolver;

    ReferenceKernelResolver() {
        String why = unavailableReason();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        address = create();
        if (address == 0) {
            throw new IllegalStateException("the reference op resolver could not be allocated");
        }
        long at = address;
        resolver = new OpResolver(new Pointer() {
            {
                address = at;
            }
        });
        // a sanity check that the object behind the address is a working resolver: it must know ADD version 1
        if (resolver.FindOp(tensorflowlite.kTfLiteBuiltinAdd, 1) == null
                || resolver.FindOp(tensorflowlite.kTfLiteBuiltinAdd, 1).isNull()) {
            destroy(address);
            throw new IllegalStateException("the reference op resolver does not resolve ADD");
        }
    }

    /** @return the resolver, to hand to an {@code InterpreterBuilder}; valid until {@link #close()} */
    OpResolver resolver() {
        return resolver;
    }

    /** @return why the shim cannot be built or loaded here, or null when it is loaded */
    static synchronized String unavailableReason() {
        if (loaded || unavailable != null) {
            return unavailable;
        }
        try {
            String library = Loader.load(tensorflowlite.class);
            if (library == null) {
                return unavailable = "the TFLite native library did not load";
            }
            Path preset = Path.of(library);
            Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
            Path source = base.resolve(SOURCE);
            if (!Files.isRegularFile(source)) {
                return unavailable = "the shim source " + SOURCE + " is not in " + base;
            }
            Path jdkInclude = Path.of(System.getProperty("java.home"), "include");
            if (!Files.isRegularFile(jdkInclude.resolve("jni.h"))) {
                return unavailable = "no jni.h under " + jdkInclude + " (a JRE, not a JDK)";
            }
            Path out = base.resolve("target/native/libvelarefresolver.so");
            if (!Files.isRegularFile(out)
                    || Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(source)) < 0) {
                compile(source, out, jdkInclude, preset);
            }
            System.load(out.toString());
            loaded = true;
            return null;
        } catch (Throwable e) {
            return unavailable = "TFLite reference-kernel oracle unavailable on " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + ": " + e.getMessage();
        }
    }

    private static void compile(Path source, Path out, Path jdkInclude, Path preset)
            throws IOException, InterruptedException {
        Files.createDirectories(out.getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        List<String> cmd = new ArrayList<>(List.of(
                "g++",
                "-std=c++17",
                "-O1",
                "-shared",
                "-fPIC",
                "-I" + jdkInclude,
                "-I" + jdkInclude.resolve("linux"),
                source.toString(),
                "-o",
                tmp.toString(),
                // link against the preset's library by its full path (it has no SONAME), and find it there at load
                preset.toString(),
                "-Wl,-rpath," + preset.getParent()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] log = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("g++ did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("g++ failed (" + p.exitValue() + "): " + new String(log).strip());
        }
        Files.move(
                tmp,
                out,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static native long create();

    private static native void destroy(long address);

    @Override
    public void close() {
        destroy(address);
    }
}
