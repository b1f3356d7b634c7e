/**
 * Audio input for streaming models: reading 16-bit PCM WAV files ({@link dev.vela.runtime.audio.WavReader}) and
 * cutting them into overlapping windows ({@link dev.vela.runtime.audio.Framer}), the front half of a speech pipeline
 * such as TFLite Micro's micro_speech (30 ms windows every 20 ms at 16 kHz).
 */
package dev.vela.runtime.audio;
