package dev.vela.fleet;

/** The commands a device agent answers (the ACE device side's Query, Download, Reload, Reset, plus Remove). */
public enum CommandType {
    /** Report the store's state. */
    QUERY,
    /** Fetch and install a model version. */
    DOWNLOAD,
    /** Switch one app or every app of a model to an installed version (hot, self-tested, rolled back on failure). */
    RELOAD,
    /** Return a model's (or every model's) apps to the factory version. */
    RESET,
    /** Remove an installed version no app runs. */
    REMOVE;

    /** @return whether a later command of this type for the same model supersedes an earlier one */
    boolean changesServing() {
        return this == RELOAD || this == RESET || this == REMOVE;
    }
}
