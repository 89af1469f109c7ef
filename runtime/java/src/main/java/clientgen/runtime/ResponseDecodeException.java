package clientgen.runtime;

/**
 * A 2xx response whose body does not fit the type the spec gives it.
 */
public class ResponseDecodeException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final byte[] body;

    /**
     * A decode failure.
     *
     * @param message what did not fit
     * @param statusCode the response's status code
     * @param body the response's body
     * @param cause the parser's error, if any
     */
    public ResponseDecodeException(String message, int statusCode, byte[] body, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.body = body.clone();
    }

    /**
     * The response's status code.
     *
     * @return the status code
     */
    public int getStatusCode() {
        return statusCode;
    }

    /**
     * The response's body as received.
     *
     * @return a copy of the body bytes
     */
    public byte[] getBody() {
        return body.clone();
    }
}
