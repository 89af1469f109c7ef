package clientgen.runtime;

/**
 * The service did not answer within the client's timeout. A timeout is not retried.
 */
public class RequestTimeoutException extends ClientException {
    private static final long serialVersionUID = 1L;

    /**
     * A timeout.
     *
     * @param message what timed out
     * @param cause the underlying timeout
     */
    public RequestTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
