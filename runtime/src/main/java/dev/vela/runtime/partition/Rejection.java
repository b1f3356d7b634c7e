package dev.vela.runtime.partition;

/**
 * Why a provider does not run a node.
 *
 * @param provider the provider id
 * @param reason e.g. {@code no factory for Conv}, {@code not certified for Conv/int8/NHWC},
 *     {@code supports() said no: dilations > 1}
 */
public record Rejection(String provider, String reason) {

    @Override
    public String toString() {
        return provider + ": " + reason;
    }
}
