package clientgen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pagers against a real local server: each style, pages fetched lazily, where the credential goes, errors. */
class PagesTest {
    private static final ApiRuntime.Auth AUTH = new ApiRuntime.Auth("header", "Authorization", "key");
    private static final TypeReference<List<String>> NAMES = new TypeReference<List<String>>() { };

    private static PagedIterable<String> pager(LocalServer server, PagedIterable.Rule rule, String query) {
        Transport.Settings settings = new Transport.Settings(server.url());
        settings.credential = Credential.key("key-123");
        ApiRuntime.Request request = new ApiRuntime.Request("GET", "/things", "ListThings", "application/json", AUTH);
        request.queryParam("limit", 2, "form", true);
        request.queryParam("start", query, "form", true);
        Transport.Exchange<JsonNode> first = new Transport.Exchange<>(request, Map.of(), response -> ApiRuntime
                .decodeJson(response, new TypeReference<JsonNode>() { }, ModelSupport::any, Set.of()));
        return new PagedIterable<>(new Transport(settings), first, new RequestOptions().maxRetries(0), rule, NAMES);
    }

    private static List<String> targets(LocalServer server) {
        return server.received().stream().map(r -> r.target).collect(Collectors.toList());
    }

    @Test
    void nextLinksAreResolvedAgainstThePageAndFetchedOnlyWhenThePageBeforeIsUsed() throws Exception {
        try (LocalServer server = new LocalServer(
                LocalServer.Reply.of(200, "{\"value\": [\"a\", \"b\"], \"next\": \"things?page=2\"}"),
                LocalServer.Reply.of(200, "{\"value\": [], \"next\": \"{base}/things?page=3\"}"),
                LocalServer.Reply.of(200, "{\"value\": [\"c\"], \"next\": \"\"}"))) {
            PagedIterable<String> pager = pager(server, PagedIterable.Rule.nextLink("value", "next"), null);
            assertEquals(List.of(), server.received(), "made, nothing is sent");
            Iterator<List<String>> pages = pager.byPage().iterator();
            assertEquals(List.of("a", "b"), pages.next());
            assertEquals(1, server.received().size(), "the second page was fetched before it was asked for");
            List<List<String>> rest = new ArrayList<>();
            pages.forEachRemaining(rest::add);
            assertEquals(List.of(List.of(), List.of("c")), rest);
            assertEquals(List.of("/things?limit=2", "/things?page=2", "/things?page=3"), targets(server));
            assertEquals(List.of("Bearer key-123"), server.received().get(2).header("authorization"));
        }
    }

    @Test
    void aNextLinksOwnQueryIsKeptBesideAQueryCredential() throws Exception {
        try (LocalServer server = new LocalServer(
                LocalServer.Reply.of(200, "{\"value\": [\"a\"], \"next\": \"/things?page=2\"}"),
                LocalServer.Reply.of(200, "{\"value\": [\"b\"]}"))) {
            Transport.Settings settings = new Transport.Settings(server.url());
            settings.credential = Credential.key("k");
            ApiRuntime.Request request = new ApiRuntime.Request("GET", "/things", "ListThings", "application/json",
                    new ApiRuntime.Auth("query", "api_key", "key"));
            Transport.Exchange<JsonNode> first = new Transport.Exchange<>(request, Map.of(), response -> ApiRuntime
                    .decodeJson(response, new TypeReference<JsonNode>() { }, ModelSupport::any, Set.of()));
            new PagedIterable<>(new Transport(settings), first, null, PagedIterable.Rule.nextLink("value", "next"),
                    NAMES).forEach(name -> { });
            assertEquals(List.of("/things?api_key=k", "/things?page=2&api_key=k"), targets(server));
        }
    }

    @Test
    void aNextLinkToAnotherOriginGetsNoCredential() throws Exception {
        try (LocalServer other = new LocalServer(LocalServer.Reply.of(200, "{\"value\": [\"c\"]}"));
                LocalServer server = new LocalServer(LocalServer.Reply.of(200,
                        "{\"value\": [\"a\"], \"next\": \"" + other.url() + "/more\"}"))) {
            assertEquals(List.of("a", "c"), pager(server, PagedIterable.Rule.nextLink("value", "next"), null)
                    .stream().collect(Collectors.toList()));
            assertEquals(List.of("Bearer key-123"), server.received().get(0).header("authorization"));
            assertEquals(List.of(), other.received().get(0).header("authorization"));
        }
    }

    @Test
    void theLinkHeadersNextNamesTheNextPage() throws Exception {
        try (LocalServer server = new LocalServer(
                new LocalServer.Reply(200, "[\"a\"]", Map.of("Link",
                        "<{base}/things?page=1>; rel=\"first\", <{base}/things?page=2>; rel=\"last next\""), 0),
                new LocalServer.Reply(200, "[\"b\"]", Map.of("Link", "</things?page=1>; rel=first"), 0))) {
            List<String> items = new ArrayList<>();
            pager(server, PagedIterable.Rule.linkHeader(null), null).forEach(items::add);
            assertEquals(List.of("a", "b"), items);
            assertEquals(List.of("/things?limit=2", "/things?page=2"), targets(server));
        }
    }

    @Test
    void linkHeadersAreParsedAsRfc8288Says() {
        assertEquals("https://h/p?a=1,2", PagedIterable.nextLink(List.of(
                "<https://h/first>; title=\"a, b; rel=next\"; rel=first, <https://h/p?a=1,2>; REL=\"prev NEXT\"")));
        assertEquals("/two", PagedIterable.nextLink(List.of("</one>; rel=prev", "</two>; rel=next")));
        assertNull(PagedIterable.nextLink(List.of("</one>; rel=\"nextish\"", "broken; rel=next")));
    }

    @Test
    void aCursorIsTheNextRequestsQueryParameterBesideTheCallersOwn() throws Exception {
        try (LocalServer server = new LocalServer(
                LocalServer.Reply.of(200, "{\"data\": [\"a\"], \"cursor\": \"c 2\"}"),
                LocalServer.Reply.of(200, "{\"data\": [\"b\"], \"cursor\": 3}"),
                LocalServer.Reply.of(200, "{\"data\": [\"c\"], \"cursor\": null}"))) {
            assertEquals(List.of("a", "b", "c"), pager(server, PagedIterable.Rule.cursor("data", "cursor", "start"),
                    null).stream().collect(Collectors.toList()));
            assertEquals(List.of("/things?limit=2", "/things?limit=2&start=c%202", "/things?limit=2&start=3"),
                    targets(server));
        }
    }

    @Test
    void anOffsetCountsTheItemsFromTheCallersStartUntilAPageIsEmpty() throws Exception {
        try (LocalServer server = new LocalServer(
                LocalServer.Reply.of(200, "{\"items\": [\"a\", \"b\"]}"),
                LocalServer.Reply.of(200, "{\"items\": [\"c\"]}"),
                LocalServer.Reply.of(200, "{\"items\": []}"))) {
            assertEquals(List.of("a", "b", "c"), pager(server, PagedIterable.Rule.offset("items", "start"), "10")
                    .stream().collect(Collectors.toList()));
            assertEquals(List.of("/things?limit=2&start=10", "/things?limit=2&start=12",
                    "/things?limit=2&start=13"), targets(server));
        }
    }

    @Test
    void aFailedPageIsItsApiErrorAfterTheItemsBeforeIt() throws Exception {
        try (LocalServer server = new LocalServer(
                LocalServer.Reply.of(200, "{\"value\": [\"a\"], \"next\": \"/things?page=2\"}"),
                LocalServer.Reply.of(500, "{\"message\": \"page lost\"}"))) {
            Iterator<String> items = pager(server, PagedIterable.Rule.nextLink("value", "next"), null).iterator();
            assertEquals("a", items.next());
            ApiException error = assertThrows(ApiException.class, items::hasNext);
            assertEquals(500, error.getStatusCode());
            assertEquals(2, server.received().size(), "a GET page with maxRetries 0 was sent again");
        }
    }

    @Test
    void itemsThatDoNotFitAreADecodeError() throws Exception {
        try (LocalServer server = new LocalServer(LocalServer.Reply.of(200, "{\"value\": [{\"not\": \"a name\"}]}"))) {
            PagedIterable<String> pager = pager(server, PagedIterable.Rule.nextLink("value", null), null);
            assertThrows(ResponseDecodeException.class, () -> pager.iterator().hasNext());
        }
    }
}
