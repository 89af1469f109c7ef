package clientgen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log's line format and what it hides. */
class HttpLogTest {
    private static HttpRequest request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).GET()
                .header("Accept", "application/json")
                .header("Authorization", "Bearer key-123")
                .header("Cookie", "session=s3")
                .header("X-Api-Key", "k-9")
                .header("X-Trace-Id", "trace-secret")
                .header("X-Plain", "shown")
                .build();
    }

    @Test
    void queryValuesAndUserInfoAreNeverShown() {
        assertEquals("GET https://host:8443/items/a%2Fb?q=***&tags=***&tags=***&***",
                HttpLog.target(request("https://user:pw@host:8443/items/a%2Fb?q=query-secret&tags=1&tags=2&bare")));
        assertEquals("GET http://host/items", HttpLog.target(request("http://host/items")));
    }

    @Test
    void secretHeadersTheCredentialAndCookiesAreHidden() {
        HttpLog log = new HttpLog(System.getLogger("test"), List.of("x-TRACE-id"));
        assertEquals("GET http://h/x?q=*** request headers: accept: application/json; authorization: ***; "
                + "cookie: ***; x-api-key: ***; x-plain: shown; x-trace-id: ***",
                log.requestLine(request("http://h/x?q=1"), "X-Api-Key"));
        assertEquals("GET http://h/x request headers: accept: application/json; authorization: ***; cookie: ***; "
                + "x-api-key: k-9; x-plain: shown; x-trace-id: trace-secret",
                new HttpLog(System.getLogger("test"), List.of()).requestLine(request("http://h/x"), null));
    }
}
