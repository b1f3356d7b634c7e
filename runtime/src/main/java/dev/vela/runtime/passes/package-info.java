/**
 * Graph passes: each a {@link dev.vela.runtime.passes.Pass} that rewrites the graph IR without changing its outputs
 * (within the float32 tolerance policy), run in order and timed by {@link dev.vela.runtime.passes.PassManager}.
 */
package dev.vela.runtime.passes;
