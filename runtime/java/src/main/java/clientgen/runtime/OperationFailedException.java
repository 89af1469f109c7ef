package clientgen.runtime;

/**
 * A long-running operation ended without success: its status monitor said {@code Failed} or {@code Canceled}.
 * Carries that final status and the monitor's {@code error.code} and {@code error.message} (null when it gave
 * none).
 *
 * <p>Part of the clientgen Java runtime: copied into each SDK with only its package name changed; do not edit.
 */
public class OperationFailedException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final String status;
    private final String code;
    private final String serviceMessage;

    /**
     * An operation that failed or was cancelled.
     *
     * @param status {@code Failed} or {@code Canceled}
     * @param code the monitor's error code, or null
     * @param serviceMessage the monitor's error message, or null
     */
    public OperationFailedException(String status, String code, String serviceMessage) {
        super("the operation ended " + status + (code != null ? " (" + code + ")" : "")
                + (serviceMessage != null ? ": " + serviceMessage : ""));
        this.status = status;
        this.code = code;
        this.serviceMessage = serviceMessage;
    }

    /**
     * The final status.
     *
     * @return {@code Failed} or {@code Canceled}
     */
    public String getStatus() {
        return status;
    }

    /**
     * The status monitor's {@code error.code}.
     *
     * @return the code, or null
     */
    public String getCode() {
        return code;
    }

    /**
     * The status monitor's {@code error.message}.
     *
     * @return the message, or null
     */
    public String getServiceMessage() {
        return serviceMessage;
    }
}
