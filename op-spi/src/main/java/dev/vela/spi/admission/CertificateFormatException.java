package dev.vela.spi.admission;

import dev.vela.spi.API;
import dev.vela.spi.VelaException;

/**
 * A certificate or key file that cannot be read: malformed JSON, a missing field, an unknown
 * format version.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public class CertificateFormatException extends VelaException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public CertificateFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong
     * @param cause the parse failure
     */
    public CertificateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
