package clientgen.runtime;

/**
 * What differs per SDK: its name and version, clientgen's version, and where the raw send() puts the credential.
 *
 * <p>These are the runtime's own test values: clientgen does not ship this file but writes each SDK's from
 * templates/java/SdkInfo.java.j2.
 */
final class SdkInfo {
    static final String SDK_NAME = "runtime-tests";
    static final String SDK_VERSION = "0.0.0";
    static final String CLIENTGEN_VERSION = "0.0.0";
    /** Where the raw send() puts the credential: the spec's first security scheme, else Authorization: Bearer. */
    static final ApiRuntime.Auth RAW_SEND_AUTH = new ApiRuntime.Auth("header", "Authorization", "bearer");

    private SdkInfo() {
    }
}
