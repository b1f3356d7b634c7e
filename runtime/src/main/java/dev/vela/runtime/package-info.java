/**
 * The Vela runtime API: load a {@link dev.vela.runtime.Model}, run it through a {@link dev.vela.runtime.Session}.
 */
package dev.vela.runtime;
