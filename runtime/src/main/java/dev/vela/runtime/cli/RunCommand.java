package dev.vela.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced below. */
@Command(name = "run")
final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
