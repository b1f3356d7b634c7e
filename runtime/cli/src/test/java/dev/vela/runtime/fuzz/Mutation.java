package dev.vela.runtime.fuzz;

/**
 * One mutated model.
 *
 * @param kind the mutation family (for the summary)
 * @param detail what exactly was changed (for a failure message)
 * @param bytes the mutated file
 */
record Mutation(String kind, String detail, byte[] bytes) {}
