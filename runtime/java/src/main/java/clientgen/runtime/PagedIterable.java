package clientgen.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The items of a paged operation, fetched page by page as they are used: the next page only when the caller has
 * used the previous one, each with the client's headers, timeout and retries and the call's
 * {@link RequestOptions}. Iterate it for the items ({@code for (Record r : client.listPages())}, or
 * {@link #stream()}), or {@link #byPage()} for the pages. An error (an {@link ApiException}, as for any call)
 * comes when the page that failed is asked for, after the items of the pages before it. Each iteration starts
 * again at the first page. Blocking: a page is fetched on the caller's thread.
 *
 * <p>How a page names the next ({@link Rule}): a field holding its URL (next-link), the RFC 8288 {@code Link}
 * header's {@code rel="next"} (link-header), a field holding the value of a query parameter (cursor), or a query
 * parameter counting the items received so far (offset). A next page's URL is resolved against the page's own;
 * the credential goes to it only when it has the base URL's origin.
 *
 * <p>Part of the clientgen Java runtime: copied into each SDK with only its package name changed; do not edit.
 *
 * @param <T> the type of one item
 */
public final class PagedIterable<T> implements Iterable<T> {
    private final Transport transport;
    private final Transport.Exchange<JsonNode> first;
    private final RequestOptions options;
    private final Rule rule;
    private final TypeReference<List<T>> itemsType;

    /**
     * The pages of an operation; nothing is sent until the items or pages are iterated.
     *
     * @param transport the client's exchange
     * @param first the first page's exchange, its answer decoded as the page's checked JSON
     * @param options the call's own options (null: the client's), for every page
     * @param rule how a page names the next
     * @param itemsType the type of a page's items
     */
    PagedIterable(Transport transport, Transport.Exchange<JsonNode> first, RequestOptions options, Rule rule,
            TypeReference<List<T>> itemsType) {
        this.transport = transport;
        this.first = first;
        this.options = options;
        this.rule = rule;
        this.itemsType = itemsType;
    }

    /** How a page names the next one; {@code items} is the page's field holding the items (null: the page is
     * the array). */
    static final class Rule {
        final String style;
        final String items;
        final String next;
        final String param;

        private Rule(String style, String items, String next, String param) {
            this.style = style;
            this.items = items;
            this.next = next;
            this.param = param;
        }

        /** The page's field {@code next} holds the next page's URL (null: there is one page). */
        static Rule nextLink(String items, String next) {
            return new Rule("next-link", items, next, null);
        }

        /** The answer's {@code Link} header names the next page. */
        static Rule linkHeader(String items) {
            return new Rule("link-header", items, null, null);
        }

        /** The page's field {@code next} is the value of the query parameter {@code param} of the next page. */
        static Rule cursor(String items, String next, String param) {
            return new Rule("cursor", items, next, param);
        }

        /** The query parameter {@code param} counts the items received so far; a page without items ends. */
        static Rule offset(String items, String param) {
            return new Rule("offset", items, null, param);
        }
    }

    /**
     * The items of every page, in order.
     *
     * @return an iterator fetching each page when the items before it are used
     */
    @Override
    public Iterator<T> iterator() {
        Iterator<List<T>> pages = new Pages();
        return new Iterator<T>() {
            private Iterator<T> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!pages.hasNext()) {
                        return false;
                    }
                    current = pages.next().iterator();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /**
     * The pages, each the list of its items (an empty page too).
     *
     * @return an iterable whose iterators fetch each page when the one before it is used
     */
    public Iterable<List<T>> byPage() {
        return Pages::new;
    }

    /**
     * The items as a sequential stream, fetched as the stream is consumed.
     *
     * @return a stream of the items
     */
    public Stream<T> stream() {
        return StreamSupport.stream(spliterator(), false);
    }

    @Override
    public String toString() {
        return "PagedIterable(" + first.request.method + " " + first.request.path + ", " + rule.style + ")";
    }

    /** One page as it came: its JSON, the URL it came from and its headers. */
    private static final class Fetched {
        final JsonNode body;
        final HttpResponse<byte[]> response;

        Fetched(JsonNode body, HttpResponse<byte[]> response) {
            this.body = body;
            this.response = response;
        }
    }

    /** The pages of one iteration: {@code request} is the next page's (null: no more). */
    private final class Pages implements Iterator<List<T>> {
        private ApiRuntime.Request request = first.request;
        private long offset = start();
        private List<T> fetched;

        @Override
        public boolean hasNext() {
            if (fetched == null && request != null) {
                Fetched page = transport.send(first.with(request,
                        response -> new Fetched(first.decode.apply(response), response)), options);
                List<T> items = items(page);
                request = following(page, items);
                fetched = items;
            }
            return fetched != null;
        }

        @Override
        public List<T> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<T> out = fetched;
            fetched = null;
            return out;
        }

        private long start() {
            String given = rule.param == null ? null : first.request.queryValue(rule.param);
            try {
                return given == null ? 0 : Long.parseLong(given.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private List<T> items(Fetched page) {
            JsonNode list = page.body == null ? null : rule.items == null ? page.body : page.body.get(rule.items);
            if (list == null || list.isNull()) {
                return List.of();
            }
            try {
                List<T> out = ApiRuntime.fromTree(list, itemsType);
                return out == null ? List.of() : Collections.unmodifiableList(out);
            } catch (IllegalArgumentException e) {
                throw new ResponseDecodeException("HTTP " + page.response.statusCode() + ": the page's items do not "
                        + "fit the spec: " + e.getMessage(), page.response.statusCode(), page.response.body(), e);
            }
        }

        /** The next page's request, or null when this page is the last. */
        private ApiRuntime.Request following(Fetched page, List<T> items) {
            URI from = page.response.uri();
            switch (rule.style) {
                case "next-link": {
                    String link = rule.next == null ? null : text(page.body, rule.next);
                    return link == null ? null : transport.follow(first.request, from, link);
                }
                case "link-header": {
                    String link = nextLink(page.response.headers().allValues("link"));
                    return link == null ? null : transport.follow(first.request, from, link);
                }
                case "cursor": {
                    String cursor = text(page.body, rule.next);
                    return cursor == null ? null : first.request.withQuery(rule.param, cursor);
                }
                default: // offset
                    if (items.isEmpty()) {
                        return null;
                    }
                    offset += items.size();
                    return first.request.withQuery(rule.param, String.valueOf(offset));
            }
        }
    }

    /** A page's field as text: null when absent, null or empty. */
    private static String text(JsonNode page, String field) {
        JsonNode value = page == null || !page.isObject() ? null : page.get(field);
        String out = value == null || value.isNull() || value.isContainerNode() ? null : ApiRuntime.text(value);
        return out == null || out.isEmpty() ? null : out;
    }

    /**
     * The URL of the first link whose {@code rel} names {@code next} in RFC 8288 {@code Link} header values
     * ({@code <url>; rel="next", <url>; rel="first"}), or null.
     */
    static String nextLink(List<String> values) {
        for (String value : values) {
            int at = 0;
            while (true) {
                int open = value.indexOf('<', at);
                int close = open < 0 ? -1 : value.indexOf('>', open);
                if (close < 0) {
                    break;
                }
                int end = close + 1;
                boolean quoted = false;
                while (end < value.length() && (quoted || value.charAt(end) != ',')) {
                    if (value.charAt(end) == '"') {
                        quoted = !quoted;
                    }
                    end++;
                }
                if (namesNext(value.substring(close + 1, end))) {
                    return value.substring(open + 1, close).trim();
                }
                at = end;
            }
        }
        return null;
    }

    private static boolean namesNext(String params) {
        for (String param : params.split(";")) {
            int equals = param.indexOf('=');
            if (equals < 0 || !param.substring(0, equals).trim().equalsIgnoreCase("rel")) {
                continue;
            }
            String rel = param.substring(equals + 1).trim();
            if (rel.length() >= 2 && rel.startsWith("\"") && rel.endsWith("\"")) {
                rel = rel.substring(1, rel.length() - 1);
            }
            for (String name : rel.trim().split("\\s+")) {
                if (name.toLowerCase(Locale.ROOT).equals("next")) {
                    return true;
                }
            }
        }
        return false;
    }
}
