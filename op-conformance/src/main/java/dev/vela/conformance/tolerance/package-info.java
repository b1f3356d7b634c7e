/** The versioned tolerance policy and tensor comparison with the worst elements. */
package dev.vela.conformance.tolerance;
