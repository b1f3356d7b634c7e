/** Memory planning: tensor lifetimes to offsets in one arena per session, and which operators may work in place. */
package dev.vela.runtime.memory;
