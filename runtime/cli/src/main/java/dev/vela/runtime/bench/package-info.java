/**
 * The pieces of {@code vela bench}: latency percentiles, the per-operator profile, peak heap, the progress bar and
 * the JSON report. The side-by-side engines of {@code bench --compare} are in {@code bench.compare}.
 */
package dev.vela.runtime.bench;
