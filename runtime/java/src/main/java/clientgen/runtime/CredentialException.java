package clientgen.runtime;

/**
 * A credential could not give a token: its command failed, or what it gave has no token or key. The message
 * names the source and what was missing, never its output.
 */
public class CredentialException extends ClientException {
    private static final long serialVersionUID = 1L;

    /**
     * A credential error.
     *
     * @param message what went wrong, and where
     * @param cause the underlying error, or null
     */
    public CredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}
