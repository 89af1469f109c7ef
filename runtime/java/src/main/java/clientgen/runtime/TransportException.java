package clientgen.runtime;

/**
 * The request got no response: connection refused or reset, DNS or TLS failure.
 */
public class TransportException extends ClientException {
    private static final long serialVersionUID = 1L;

    /**
     * A transport failure.
     *
     * @param message what went wrong
     * @param cause the underlying I/O error
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
