/** The report model of a conformance run and its JSON, JUnit XML and HTML writers. */
package dev.vela.conformance.report;
