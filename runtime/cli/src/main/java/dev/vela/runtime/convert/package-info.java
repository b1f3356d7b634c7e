/**
 * Model conversion to {@code .vela}: import, passes, package writing, and the comparison of the converted model
 * against the original on sample inputs (the conversion report).
 */
package dev.vela.runtime.convert;
