/**
 * What a session reports about its last run: per node, the wall time and provider ({@link
 * dev.vela.runtime.profile.NodeTiming}) and the input and output types ({@link dev.vela.runtime.profile.NodeTypes}).
 * A package of its own so that the executor, which produces them, stays internal.
 */
package dev.vela.runtime.profile;
