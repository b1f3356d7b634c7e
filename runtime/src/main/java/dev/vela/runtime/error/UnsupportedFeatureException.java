package dev.vela.runtime.error;

import dev.vela.spi.VelaException;

/**
 * A well-formed model uses something the runtime refuses on purpose: an unsupported data type, external data,
 * sparse tensors, subgraphs, sequence/map/optional values. The message names the tensor or node and the feature.
 */
public class UnsupportedFeatureException extends VelaException {

    private static final long serialVersionUID = 1L;

    /** @param message what is unsupported and where */
    public UnsupportedFeatureException(String message) {
        super(message);
    }
}
