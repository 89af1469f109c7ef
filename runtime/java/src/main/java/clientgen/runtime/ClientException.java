package clientgen.runtime;

/**
 * Base of every error this client throws: {@link ApiException} (a non-2xx answer), {@link TransportException}
 * (no answer), {@link RequestTimeoutException} (no answer in time), {@link ResponseDecodeException} (an answer
 * that does not fit the spec). None of them holds the credential.
 */
public class ClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message.
     *
     * @param message what went wrong
     */
    public ClientException(String message) {
        super(message);
    }

    /**
     * An error with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying error
     */
    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
