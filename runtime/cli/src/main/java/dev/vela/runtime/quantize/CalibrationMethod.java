package dev.vela.runtime.quantize;

/** How calibration turns the values seen into a range per value. */
public enum CalibrationMethod {
    /** The full range seen over all samples. */
    MINMAX,
    /** The central range holding a given percentile of the values (a histogram over the min/max range). */
    PERCENTILE
}
