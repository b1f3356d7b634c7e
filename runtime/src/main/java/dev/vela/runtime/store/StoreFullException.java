package dev.vela.runtime.store;

/** An install or download that would exceed the store's disk quota; nothing was installed. */
public final class StoreFullException extends ModelStoreException {

    private static final long serialVersionUID = 1L;

    /** @param message what did not fit, the quota and what is used */
    public StoreFullException(String message) {
        super(message);
    }
}
