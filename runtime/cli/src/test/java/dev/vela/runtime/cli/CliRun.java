package dev.vela.runtime.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the {@code vela} command line in this JVM, capturing what it prints: the CLI tests' one way in. */
final class CliRun {

    /**
     * What a command did.
     *
     * @param code its exit code
     * @param out what it printed on stdout
     * @param err what it printed on stderr
     */
    record Result(int code, String out, String err) {}

    private CliRun() {}

    /**
     * @param args the command line after {@code vela}
     * @return the exit code and both streams
     */
    static Result cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = VelaCli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
