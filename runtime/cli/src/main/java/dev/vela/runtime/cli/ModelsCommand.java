package dev.vela.runtime.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vela models ...}: the device's model store (query, install, download, apps, reload, reset, remove, sign). */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "Manage the model store on a device: versions, apps bound to models, hot reload, reset, signing.",
        subcommands = {
            ModelsQueryCommand.class,
            ModelsInstallCommand.class,
            ModelsDownloadCommand.class,
            ModelsAppCommand.class,
            ModelsReloadCommand.class,
            ModelsResetCommand.class,
            ModelsRemoveCommand.class,
            ModelsGcCommand.class,
            ModelsSignCommand.class,
            ModelsKeygenCommand.class
        })
final class ModelsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
