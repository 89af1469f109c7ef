package clientgen.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * What the generated client's methods share: JSON (RFC 3339 date-times), parameter encoding, request bodies,
 * response decoding, API errors, where a credential goes ({@link Auth}) and which failures may be re-sent
 * ({@link RetryPolicy}). The exchange itself (auth, retries, hooks, logging) is {@link Transport}'s.
 *
 * <p>Part of the clientgen Java runtime (runtime/java in clientgen): copied into each SDK with only its package
 * name changed; do not edit.
 */
final class ApiRuntime {
    static final Duration MAX_DELAY = Duration.ofSeconds(30);
    /** Statuses that say the server did not process the request: any request is re-sent. */
    static final Set<Integer> UNPROCESSED_STATUSES = Set.of(408, 429, 503);
    /** Statuses after which only a request safe to repeat is re-sent. */
    static final Set<Integer> FAILED_STATUSES = Set.of(500, 502, 504);
    static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");
    /** Headers java.net.http sets itself and refuses from callers. */
    static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "date", "expect", "from",
            "host", "origin", "referer", "upgrade", "via", "warning");
    static final ObjectMapper MAPPER = newMapper();
    private static final ConcurrentHashMap<Type, ObjectReader> READERS = new ConcurrentHashMap<>();
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    private static final Pattern SECONDS = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern NAMES_SCHEME = Pattern.compile("(?i)(bearer|basic) .*");
    private static final Pattern RFC3339 = Pattern.compile(
            "([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]([0-9]{2}:[0-9]{2}:[0-9]{2})(\\.[0-9]+)?"
            + "(?:([Zz])|([+-][0-9]{2}):?([0-9]{2}))");

    private ApiRuntime() {
    }

    static byte[] readAll(InputStream stream) {
        try (InputStream in = stream) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON mapper of this SDK: RFC 3339 date-times, unknown properties ignored. */
    static ObjectMapper newMapper() {
        SimpleModule rfc3339 = new SimpleModule("rfc3339");
        rfc3339.addDeserializer(OffsetDateTime.class, new DateTimeReader());
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(rfc3339)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    /** An RFC 3339 date-time: any number of fraction digits, Z or an offset (+02:00 or +0200), T, t or a space. */
    static OffsetDateTime parseDateTime(String text) {
        Matcher match = RFC3339.matcher(text.trim());
        if (!match.matches()) {
            throw new DateTimeParseException("not an RFC 3339 date-time (with Z or an offset): " + text, text, 0);
        }
        String fraction = match.group(3) == null ? "" : match.group(3);
        String offset = match.group(4) != null ? "Z" : match.group(5) + ":" + match.group(6);
        return OffsetDateTime.parse(match.group(1) + "T" + match.group(2) + fraction + offset);
    }

    /** Reads date-times with {@link #parseDateTime}. */
    static final class DateTimeReader extends StdDeserializer<OffsetDateTime> {
        private static final long serialVersionUID = 1L;

        DateTimeReader() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
            }
            try {
                return parseDateTime(parser.getText());
            } catch (DateTimeParseException e) {
                return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, parser.getText(),
                        e.getMessage());
            }
        }
    }

    /** Header names and their values, looked up case-insensitively. */
    static Map<String, List<String>> headers(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            out.put(entry.getKey(), List.copyOf(entry.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    // ---- parameters ------------------------------------------------------------------------------------------

    /** Percent-encodes everything but A-Za-z0-9-._~ (UTF-8). */
    static String quote(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** A parameter value as text: booleans as true/false, numbers as JSON writes them, strings as they are. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "true" : "false";
        }
        if (node.isBinary()) {
            return node.asText();
        }
        return node.toString();
    }

    static JsonNode encode(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * A parsed body as a value of the type: what {@code fromTree(tree, type)} gives (the tree itself
     * for a type it already is; an IllegalArgumentException for a tree that does not fit), read straight from
     * the tree by a reader made once per type, without convertValue's copy of the tree into a token buffer.
     */
    @SuppressWarnings("unchecked")
    static <T> T fromTree(JsonNode tree, TypeReference<T> type) {
        if (tree == null) {
            return null;
        }
        ObjectReader reader = READERS.computeIfAbsent(type.getType(), t -> MAPPER.readerFor(MAPPER.constructType(t)));
        if (reader.getValueType().getRawClass().isInstance(tree)) {
            return (T) tree;
        }
        try {
            return reader.readValue(tree);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static List<String> items(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            out.add(text(item));
        }
        return out;
    }

    static List<Map.Entry<String, String>> entries(JsonNode node) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            out.add(Map.entry(entry.getKey(), text(entry.getValue())));
        }
        return out;
    }

    /** Bytes as the stream a binary body is sent from (null stays null). */
    static InputStream stream(byte[] bytes) {
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    /**
     * A request body sent from the caller's stream as it is read, never held whole; once a byte of it was read
     * ({@code started}) the request cannot be sent again.
     */
    static final class StreamBody extends FilterInputStream {
        volatile boolean started;

        StreamBody(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            started = true;
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            started = true;
            return super.read(buffer, offset, length);
        }
    }

    /**
     * One HTTP request, built by a generated method; the body is bytes so that a retry re-sends the same bytes,
     * or the caller's stream ({@link StreamBody}), sent once. A next page or a status monitor is a request to an
     * absolute {@code url} instead of the base URL and {@code path}.
     */
    static final class Request {
        final String method;
        String path;
        String url;
        final String operationId;
        final Auth auth;
        final String accept;
        final List<Map.Entry<String, String>> query = new ArrayList<>();
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final List<Map.Entry<String, String>> cookies = new ArrayList<>();
        byte[] body;
        StreamBody bodyStream;

        /**
         * A request of an operation.
         *
         * @param method the HTTP method
         * @param path the path template
         * @param operationId the spec's operationId (client options may mark it safe to retry)
         * @param accept the Accept header: the operation's declared response media types
         * @param auth where the credential goes, or null for none
         */
        Request(String method, String path, String operationId, String accept, Auth auth) {
            this.method = method;
            this.path = path;
            this.operationId = operationId;
            this.auth = auth;
            this.accept = accept;
        }

        Request(String method, String path) {
            this(method, path, "", "*/*", null);
        }

        /**
         * A GET of this request's operation for another URL (a next page, a status monitor, a result), with the
         * operation's header parameters and Accept; the credential only when {@code withCredential}.
         */
        Request follow(String absoluteUrl, boolean withCredential) {
            Request out = bodiless("GET", withCredential ? auth : null);
            out.url = absoluteUrl;
            out.query.clear();
            return out;
        }

        /** This request again as a GET of its own URL (path and query), without its body. */
        Request get() {
            return bodiless("GET", auth);
        }

        /** This request with the query parameter {@code name} set to {@code value} (in its place, else last). */
        Request withQuery(String name, String value) {
            Request out = bodiless(method, auth);
            out.body = body;
            out.headers.putAll(headers);
            boolean replaced = false;
            for (int i = 0; i < out.query.size(); i++) {
                if (out.query.get(i).getKey().equals(name)) {
                    out.query.set(i, Map.entry(name, value));
                    replaced = true;
                }
            }
            if (!replaced) {
                out.query.add(Map.entry(name, value));
            }
            return out;
        }

        /** The value of a query parameter as the caller gave it, or null. */
        String queryValue(String name) {
            for (Map.Entry<String, String> pair : query) {
                if (pair.getKey().equals(name)) {
                    return pair.getValue();
                }
            }
            return null;
        }

        private Request bodiless(String verb, Auth credential) {
            Request out = new Request(verb, path, operationId, accept, credential);
            out.url = url;
            out.query.addAll(query);
            out.cookies.addAll(cookies);
            out.headers.putAll(headers);
            out.headers.remove("Content-Type");
            return out;
        }

        void pathParam(String name, Object value, String style, boolean explode) {
            JsonNode encoded = encode(value);
            List<String> items = new ArrayList<>();
            if (encoded.isArray()) {
                for (String item : items(encoded)) {
                    items.add(quote(item));
                }
            } else if (encoded.isObject()) {
                String joiner = explode ? "=" : ",";
                for (Map.Entry<String, String> entry : entries(encoded)) {
                    items.add(quote(entry.getKey()) + joiner + quote(entry.getValue()));
                }
            } else {
                items.add(quote(text(encoded)));
            }
            String text;
            if ("label".equals(style)) {
                text = "." + String.join(explode ? "." : ",", items);
            } else if ("matrix".equals(style)) {
                if (explode) {
                    StringBuilder out = new StringBuilder();
                    for (String item : items) {
                        out.append(';').append(name).append('=').append(item);
                    }
                    text = out.toString();
                } else {
                    text = ";" + name + "=" + String.join(",", items);
                }
            } else {
                text = String.join(",", items);
            }
            path = path.replace("{" + name + "}", text);
        }

        void queryParam(String name, Object value, String style, boolean explode) {
            if (value == null) {
                return;
            }
            JsonNode encoded = encode(value);
            if (encoded.isArray()) {
                if (explode && "form".equals(style)) {
                    for (String item : items(encoded)) {
                        query.add(Map.entry(name, item));
                    }
                } else {
                    String separator = "spaceDelimited".equals(style) ? " " : "pipeDelimited".equals(style) ? "|" : ",";
                    query.add(Map.entry(name, String.join(separator, items(encoded))));
                }
            } else if (encoded.isObject()) {
                if ("deepObject".equals(style)) {
                    for (Map.Entry<String, String> entry : entries(encoded)) {
                        query.add(Map.entry(name + "[" + entry.getKey() + "]", entry.getValue()));
                    }
                } else if (explode) {
                    query.addAll(entries(encoded));
                } else {
                    List<String> parts = new ArrayList<>();
                    for (Map.Entry<String, String> entry : entries(encoded)) {
                        parts.add(entry.getKey() + "," + entry.getValue());
                    }
                    query.add(Map.entry(name, String.join(",", parts)));
                }
            } else {
                query.add(Map.entry(name, text(encoded)));
            }
        }

        void headerParam(String name, Object value, String style, boolean explode) {
            if (value == null) {
                return;
            }
            JsonNode encoded = encode(value);
            if (encoded.isArray()) {
                headers.put(name, String.join(",", items(encoded)));
            } else if (encoded.isObject()) {
                List<String> parts = new ArrayList<>();
                for (Map.Entry<String, String> entry : entries(encoded)) {
                    parts.add(entry.getKey() + (explode ? "=" : ",") + entry.getValue());
                }
                headers.put(name, String.join(",", parts));
            } else {
                headers.put(name, text(encoded));
            }
        }

        void cookieParam(String name, Object value, String style, boolean explode) {
            if (value == null) {
                return;
            }
            JsonNode encoded = encode(value);
            String text = encoded.isArray() ? String.join(",", items(encoded)) : text(encoded);
            cookies.add(Map.entry(name, quote(text)));
        }

        /**
         * The body value as JSON, refused (before anything is sent) when it does not fit its schema, e.g. when a
         * required field is unset.
         */
        static JsonNode checked(Object value, ModelSupport.Check check) {
            JsonNode tree = encode(value);
            String problem = check == null ? null : check.problem(tree, false);
            if (problem != null) {
                throw new IllegalArgumentException("the request body does not fit the spec: " + problem);
            }
            return tree;
        }

        void jsonBody(Object value, String mediaType) {
            jsonBody(value, mediaType, null);
        }

        void jsonBody(Object value, String mediaType, ModelSupport.Check check) {
            if (value == null) {
                return;
            }
            JsonNode tree = checked(value, check);
            try {
                body = MAPPER.writeValueAsBytes(tree);
            } catch (IOException e) {
                throw new IllegalArgumentException("the request body cannot be written as JSON: " + e.getMessage(), e);
            }
            headers.put("Content-Type", mediaType);
        }

        void formBody(Object value, String mediaType, ModelSupport.Check check) {
            if (value == null) {
                return;
            }
            Request pairs = new Request("", "");
            for (Map.Entry<String, JsonNode> entry : checked(value, check).properties()) {
                pairs.queryParam(entry.getKey(), entry.getValue(), "form", true);
            }
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, String> pair : pairs.query) {
                parts.add(quote(pair.getKey()) + "=" + quote(pair.getValue()));
            }
            body = String.join("&", parts).getBytes(StandardCharsets.US_ASCII);
            headers.put("Content-Type", mediaType);
        }

        /** multipart/form-data: one part per set field; bytes travel as files, strings as text, the rest as JSON. */
        void multipartBody(Object value, String mediaType) {
            multipartBody(value, mediaType, null);
        }

        void multipartBody(Object value, String mediaType, ModelSupport.Check check) {
            if (value == null) {
                return;
            }
            JsonNode fields = checked(value, check);
            if (!fields.isObject()) {
                throw new IllegalArgumentException("a multipart/form-data body must be an object: one part per field");
            }
            String boundary = "clientgen-" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                for (Map.Entry<String, JsonNode> entry : fields.properties()) {
                    JsonNode item = entry.getValue();
                    if (item == null || item.isNull() || item.isMissingNode()) {
                        continue;
                    }
                    String name = entry.getKey().replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
                    String head = "Content-Disposition: form-data; name=\"" + name + "\"";
                    byte[] data;
                    if (item.isBinary()) {
                        head += "; filename=\"" + name + "\"\r\nContent-Type: application/octet-stream";
                        data = item.binaryValue();
                    } else if (item.isTextual()) {
                        data = item.textValue().getBytes(StandardCharsets.UTF_8);
                    } else {
                        head += "\r\nContent-Type: application/json";
                        data = MAPPER.writeValueAsBytes(item);
                    }
                    out.write(("--" + boundary + "\r\n" + head + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    out.write(data);
                    out.write(new byte[] {'\r', '\n'});
                }
                out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException("the request body cannot be written as multipart: " + e.getMessage(),
                        e);
            }
            body = out.toByteArray();
            headers.put("Content-Type", mediaType + "; boundary=" + boundary);
        }

        /** Bytes (a ByteArrayInputStream, see {@link ApiRuntime#stream}) are sent again on a retry; any other
         * stream is sent as it is read, once. */
        void binaryBody(InputStream value, String mediaType, ModelSupport.Check check) {
            if (value == null) {
                return;
            }
            if (value instanceof ByteArrayInputStream) {
                body = readAll(value);
            } else {
                bodyStream = new StreamBody(value);
            }
            headers.put("Content-Type", mediaType);
        }

        void textBody(String value, String mediaType, ModelSupport.Check check) {
            if (value == null) {
                return;
            }
            body = value.getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", mediaType.contains("charset") ? mediaType : mediaType + "; charset=utf-8");
        }

        static String target(String baseUrl, String path, List<Map.Entry<String, String>> query) {
            StringBuilder url = new StringBuilder(baseUrl).append(path);
            String separator = url.indexOf("?") < 0 ? "?" : "&"; // a next page's URL may have its own query
            for (Map.Entry<String, String> pair : query) {
                url.append(separator).append(quote(pair.getKey())).append('=').append(quote(pair.getValue()));
                separator = "&";
            }
            return url.toString();
        }
    }


    // ---- responses -------------------------------------------------------------------------------------------

    static boolean isJson(HttpResponse<byte[]> response) {
        String mediaType = response.headers().firstValue("content-type").orElse("").split(";")[0].trim()
                .toLowerCase(Locale.ROOT);
        return mediaType.isEmpty() || mediaType.contains("json");
    }

    static String excerpt(String text) {
        String plain = String.join(" ", TAGS.matcher(text).replaceAll(" ").trim().split("\\s+")).trim();
        return plain.length() <= 300 ? plain : plain.substring(0, 300) + "\u2026";
    }

    private static ResponseDecodeException notJson(HttpResponse<byte[]> response, Throwable cause) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        return new ResponseDecodeException("HTTP " + response.statusCode() + ": expected JSON, got "
                + response.headers().firstValue("content-type").orElse("no type") + ": " + excerpt(text),
                response.statusCode(), response.body(), cause);
    }

    /** Whether a status is one of the patterns ("204", "2XX"). */
    static boolean matches(int status, Set<String> patterns) {
        String text = String.valueOf(status);
        return patterns.contains(text) || patterns.contains(text.charAt(0) + "XX");
    }

    /**
     * Whether a 2xx answer has no content: then null for a status the spec allows without content
     * (`empty`), else a decode error.
     */
    static boolean absent(HttpResponse<byte[]> response, Set<String> empty) {
        if (response.body().length > 0) {
            return false;
        }
        if (matches(response.statusCode(), empty)) {
            return true;
        }
        throw new ResponseDecodeException("HTTP " + response.statusCode() + ": expected a body, got none",
                response.statusCode(), response.body(), null);
    }

    /** The typed value of a 2xx JSON response, checked against its schema (required fields, JSON types). */
    static <T> T decodeJson(HttpResponse<byte[]> response, TypeReference<T> type, ModelSupport.Check check,
            Set<String> empty) {
        if (absent(response, empty)) {
            return null;
        }
        byte[] body = response.body();
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (IOException e) {
            throw notJson(response, e);
        }
        String problem = tree == null || tree.isNull() ? null : check.problem(tree, false);
        if (problem != null) {
            throw new ResponseDecodeException("HTTP " + response.statusCode() + ": the body does not fit the spec: "
                    + problem, response.statusCode(), body, null);
        }
        try {
            return fromTree(tree, type);
        } catch (IllegalArgumentException e) {
            throw new ResponseDecodeException("HTTP " + response.statusCode() + ": the body does not fit the spec: "
                    + e.getMessage(), response.statusCode(), body, e);
        }
    }

    /**
     * A string result: a JSON string's value, else the body text (Azure ML answers its health check text/html
     * "Healthy", and GET /swagger.json, declared a string, with a JSON object).
     */
    static String decodeString(HttpResponse<byte[]> response, Set<String> empty) {
        if (absent(response, empty)) {
            return null;
        }
        byte[] body = response.body();
        String text = new String(body, StandardCharsets.UTF_8);
        if (!isJson(response)) {
            return text;
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (IOException e) {
            return text;
        }
        return tree != null && tree.isTextual() ? tree.textValue() : text;
    }

    /**
     * How a streamed item (an event's data, a JSON line) becomes a value of type T: parsed as JSON and checked
     * against its schema; an item that does not fit is an IllegalArgumentException (the stream makes it a
     * decode error of its answer).
     */
    static <T> Function<String, T> jsonItem(TypeReference<T> type, ModelSupport.Check check) {
        return text -> {
            JsonNode tree;
            try {
                tree = MAPPER.readTree(text);
            } catch (IOException e) {
                throw new IllegalArgumentException("not JSON: " + excerpt(text), e);
            }
            String problem = tree == null || tree.isNull() ? null : check.problem(tree, false);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return fromTree(tree, type);
        };
    }

    static String decodeText(HttpResponse<byte[]> response, Set<String> empty) {
        return absent(response, empty) ? null : new String(response.body(), StandardCharsets.UTF_8);
    }

    static byte[] decodeBinary(HttpResponse<byte[]> response, Set<String> empty) {
        return absent(response, empty) ? null : response.body();
    }

    static String reason(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 409: return "Conflict";
            case 413: return "Content Too Large";
            case 415: return "Unsupported Media Type";
            case 422: return "Unprocessable Content";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "HTTP " + status;
        }
    }

    /** The ApiException for a non-2xx response, with the spec's error model parsed where the body fits it. */
    static ApiException apiError(Request request, HttpResponse<byte[]> response, Map<String, TypeReference<?>> errors) {
        String status = String.valueOf(response.statusCode());
        TypeReference<?> type = errors.get(status);
        if (type == null) {
            type = errors.get(status.charAt(0) + "XX");
        }
        if (type == null) {
            type = errors.get("default");
        }
        byte[] body = response.body();
        Object parsed = null;
        JsonNode data = null;
        if (body.length > 0 && isJson(response)) {
            try {
                data = MAPPER.readTree(body);
                if (type != null && data != null) {
                    parsed = fromTree(data, type);
                }
            } catch (IOException | IllegalArgumentException e) {
                parsed = null;
            }
        }
        String message = null;
        if (parsed != null) {
            JsonNode fields = MAPPER.valueToTree(parsed);
            if (fields != null && fields.path("message").isTextual()) {
                message = fields.path("message").textValue();
            }
        }
        if ((message == null || message.isEmpty()) && data != null && data.path("message").isTextual()) {
            message = data.path("message").textValue();
        }
        if (message == null || message.isEmpty()) {
            message = excerpt(new String(body, StandardCharsets.UTF_8));
        }
        if (message.isEmpty()) {
            message = reason(response.statusCode());
        }
        return new ApiException(response.statusCode(), message, response.headers().map(), body, parsed,
                request.method, request.path);
    }
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    // ---- auth and retries ------------------------------------------------------------------------------------

    /**
     * Where an operation's credential goes, from its security scheme: {@code location} is header, query or
     * cookie, {@code name} the header, parameter or cookie name, {@code form} key (sent as given; an
     * Authorization key gets {@code Bearer }), bearer ({@code Bearer <token>}) or basic
     * ({@code Basic <base64>}).
     */
    static final class Auth {
        final String location;
        final String name;
        final String form;

        Auth(String location, String name, String form) {
            this.location = location;
            this.name = name;
            this.form = form;
        }

        /** The credential's text in this scheme's form. */
        String value(String token) {
            boolean namesScheme = NAMES_SCHEME.matcher(token).matches();
            if ("basic".equals(form) && !namesScheme) {
                return "Basic " + token;
            }
            if (("bearer".equals(form) || "authorization".equalsIgnoreCase(name)) && !namesScheme) {
                return "Bearer " + token;
            }
            return token;
        }
    }

    /** Seconds to wait from a Retry-After header: a number of seconds or an HTTP date; null when absent. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (SECONDS.matcher(trimmed).matches()) {
            return Duration.ofMillis((long) (Double.parseDouble(trimmed) * 1000));
        }
        try {
            Instant when = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(Instant.now(), when);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Re-sends only what is safe to send again, with exponential backoff and jitter, Retry-After honoured.
     *
     * <p>Any request is retried after a connection that failed before it was sent, and after 408, 429 and 503
     * (the server did not process it). A request safe to repeat (an idempotent method, an operation the client
     * marks safe by its operationId, or one carrying an Idempotency-Key header) is also retried after 500, 502
     * and 504 and after a failure once it was sent (a dropped connection, a timeout).
     */
    static final class RetryPolicy {
        final int maxRetries;
        private final Set<String> safeOperations;

        RetryPolicy(int maxRetries, Set<String> safeOperations) {
            this.maxRetries = maxRetries;
            this.safeOperations = Set.copyOf(safeOperations);
        }

        /**
         * Whether the request is safe to send twice: an idempotent method, an operation marked safe, or an
         * Idempotency-Key header (the operation's own, or one the call adds).
         */
        boolean repeatable(Request request, Map<String, String> callHeaders) {
            return IDEMPOTENT_METHODS.contains(request.method) || safeOperations.contains(request.operationId)
                    || request.headers.containsKey("Idempotency-Key") || callHeaders.containsKey("Idempotency-Key");
        }

        /**
         * How long to wait before retry number attempt+1, or null for no retry.
         *
         * @param attempt the attempt that just ended (0: the first)
         * @param maxRetries the retries this call allows
         * @param repeatable whether the request is safe to send twice
         * @param status the response's status, or null after a transport failure
         * @param retryAfter the response's Retry-After header, or null
         * @param sent whether the failed request may have reached the server
         * @return the delay, or null
         */
        static Duration delay(int attempt, int maxRetries, boolean repeatable, Integer status, String retryAfter,
                boolean sent) {
            if (attempt >= maxRetries) {
                return null;
            }
            if (status != null) {
                if (!UNPROCESSED_STATUSES.contains(status) && !(FAILED_STATUSES.contains(status) && repeatable)) {
                    return null;
                }
                Duration after = retryAfter(retryAfter);
                if (after != null) {
                    return after.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : after;
                }
            } else if (sent && !repeatable) {
                return null;
            }
            double seconds = Math.min(MAX_DELAY.toMillis() / 1000.0, 0.5 * Math.pow(2, attempt));
            seconds *= 0.5 + ThreadLocalRandom.current().nextDouble() / 2;
            return Duration.ofMillis((long) (seconds * 1000));
        }
    }

    /** Whether a failure happened before the request was sent: a refused connection, DNS, TLS, connect timeout. */
    static boolean beforeSending(Throwable cause) {
        return cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                || cause instanceof SSLHandshakeException || cause instanceof UnresolvedAddressException
                || cause.getCause() instanceof UnresolvedAddressException;
    }

    static String seconds(Duration duration) {
        String text = java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
        return text + " s";
    }
}
