package clientgen.runtime;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** A caller's own HttpClient: the JDK's, wrapped to count blocking and asynchronous sends. */
final class CountingHttpClient extends HttpClient {
    final HttpClient inner = HttpClient.newHttpClient();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger sentAsync = new AtomicInteger();
    volatile CompletableFuture<?> lastAsync;

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return inner.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return inner.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return inner.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return inner.proxy();
    }

    @Override
    public javax.net.ssl.SSLContext sslContext() {
        return inner.sslContext();
    }

    @Override
    public javax.net.ssl.SSLParameters sslParameters() {
        return inner.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return inner.authenticator();
    }

    @Override
    public Version version() {
        return inner.version();
    }

    @Override
    public Optional<Executor> executor() {
        return inner.executor();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        sent.incrementAndGet();
        return inner.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        sentAsync.incrementAndGet();
        CompletableFuture<HttpResponse<T>> future = inner.sendAsync(request, handler);
        lastAsync = future;
        return future;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        sentAsync.incrementAndGet();
        return inner.sendAsync(request, handler, push);
    }
}
