/**
 * Accuracy over a labelled set, reported by {@code vela bench --accuracy}: a labelled set ({@link
 * dev.vela.runtime.bench.accuracy.LabelledSet}: files with a labels file, or an {@code .npz} of samples and labels),
 * the conversion of each sample into a model's input ({@link dev.vela.runtime.bench.accuracy.InputDecoder}), and the
 * evaluation ({@link dev.vela.runtime.bench.accuracy.AccuracyRun}): top-1/top-5 and the agreement with a second run.
 */
package dev.vela.runtime.bench.accuracy;
