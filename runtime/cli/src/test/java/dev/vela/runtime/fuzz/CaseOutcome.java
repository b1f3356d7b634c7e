package dev.vela.runtime.fuzz;

/** How one mutated model ended. */
enum CaseOutcome {
    /** The importer refused it with a named error. */
    REFUSED_AT_LOAD,
    /** It loaded, and a run refused it with a named error. */
    REFUSED_AT_RUN,
    /** It loaded and ran, with outputs of the declared shapes. */
    RAN,
    /** It loaded; its inputs are too large to feed within the fuzz's memory budget, so only inspect ran. */
    INSPECTED_ONLY
}
