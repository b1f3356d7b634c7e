/** JUnit 5 entry points: {@link dev.vela.conformance.junit.ConformanceTestBase} and {@link dev.vela.conformance.junit.ConformanceTests}. */
package dev.vela.conformance.junit;
