/**
 * Plugin loading and admission: providers from the class path and from a plugins directory (one class loader per
 * jar), admitted only for what a verified certificate covers, or in development mode with a loud warning.
 */
package dev.vela.runtime.plugin;
