package io.clauderelay.providers.vertex;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import io.clauderelay.providers.common.UpstreamExchange;
import io.clauderelay.providers.common.UpstreamHttp;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.ProxyOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Google's auth library's HTTP transport on the relay's own upstream client, so a token request
 * takes the account's proxy (HTTP or SOCKS, with credentials) like every other call of the account,
 * instead of the JDK's connection with the JVM-wide proxy settings. Only for the library's blocking
 * calls on a worker thread: {@link LowLevelHttpRequest#execute()} waits for the answer.
 */
final class VertxHttpTransport extends HttpTransport {
  /** A token endpoint answers in well under a second; this bounds a hung one. */
  static final long TIMEOUT_MS = 30_000;
  /** Token answers are a few hundred bytes; more is not a token answer. */
  private static final int BODY_LIMIT = 64 * 1024;

  private final UpstreamHttp http;
  private final ProxyOptions proxy;

  VertxHttpTransport(UpstreamHttp http, ProxyOptions proxy) {
    this.http = http;
    this.proxy = proxy;
  }

  @Override
  protected LowLevelHttpRequest buildRequest(String method, String url) {
    return new Request(method, url);
  }

  private final class Request extends LowLevelHttpRequest {
    private final String method;
    private final String url;
    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();

    Request(String method, String url) {
      this.method = method;
      this.url = url;
    }

    @Override
    public void addHeader(String name, String value) {
      headers.add(name, value);
    }

    @Override
    public LowLevelHttpResponse execute() throws IOException {
      Buffer body = null;
      if (getStreamingContent() != null) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        getStreamingContent().writeTo(out);
        body = Buffer.buffer(out.toByteArray());
        if (getContentType() != null) headers.set("content-type", getContentType());
        if (getContentEncoding() != null) headers.set("content-encoding", getContentEncoding());
      }
      try {
        // The exchange is read on its own event loop; this worker only waits for the result.
        Response response = http.send(HttpMethod.valueOf(method), url, headers, body, proxy, r -> {})
            .compose(VertxHttpTransport::read).toCompletionStage().toCompletableFuture()
            .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (response.body.length > BODY_LIMIT) throw new IOException("token endpoint answer too large");
        return response;
      } catch (ExecutionException e) {
        throw new IOException("token endpoint unreachable: " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        throw new IOException("token endpoint did not answer in " + TIMEOUT_MS + " ms");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  private static io.vertx.core.Future<Response> read(UpstreamExchange ex) {
    io.vertx.core.Future<Buffer> body = ex.response().body();
    ex.response().resume();
    return body.map(b -> new Response(ex.status(), ex.response().statusMessage(),
        new ArrayList<>(ex.response().headers().entries()), b.getBytes()));
  }

  private static final class Response extends LowLevelHttpResponse {
    private final int status;
    private final String reason;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;

    Response(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {
      this.status = status;
      this.reason = reason;
      this.headers = headers;
      this.body = body;
    }

    private String header(String name) {
      for (Map.Entry<String, String> e : headers) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
      return null;
    }

    @Override
    public InputStream getContent() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public String getContentEncoding() {
      return header("content-encoding");
    }

    @Override
    public long getContentLength() {
      return body.length;
    }

    @Override
    public String getContentType() {
      return header("content-type");
    }

    @Override
    public String getStatusLine() {
      return "HTTP/1.1 " + status + (reason == null ? "" : " " + reason);
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    public String getReasonPhrase() {
      return reason;
    }

    @Override
    public int getHeaderCount() {
      return headers.size();
    }

    @Override
    public String getHeaderName(int index) {
      return headers.get(index).getKey();
    }

    @Override
    public String getHeaderValue(int index) {
      return headers.get(index).getValue();
    }
  }
}
