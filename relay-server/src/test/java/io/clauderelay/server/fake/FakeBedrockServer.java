package io.clauderelay.server.fake;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * A fake of the Bedrock runtime for Claude, checking what Bedrock checks: {@code POST
 * /model/{modelId}/invoke}, {@code /invoke-with-response-stream} and {@code /count-tokens}; a SigV4
 * signature for service {@code bedrock} in the fake's region, recomputed with AWS's own signer from
 * the secret the fake knows (a wrong one gets Bedrock's 403 InvalidSignatureException), or a known
 * Bedrock API key as a Bearer token; an InvokeModel body with {@code anthropic_version} and without
 * {@code model}/{@code stream} (ValidationException otherwise). Streams are real
 * {@code application/vnd.amazon.eventstream} frames made with AWS's codec: {@code chunk} events whose
 * {@code bytes} are base64 Anthropic events. A behaviour's 429/403/400 answer is Throttling/AccessDenied/
 * ValidationException with {@code x-amzn-ErrorType} (a behaviour's own {@code x-amzn-errortype}
 * header names another exception); {@code errorEventAfter} sends a
 * throttlingException frame mid-stream, {@code cutAfter} closes the connection after that many frames; a
 * credential scope naming another region gets AWS's 403 "Credential should be scoped to a valid region".
 * Behaviours are keyed by access key id or API key.
 */
public final class FakeBedrockServer extends ScriptedFake {
  private static final Pattern PATH = Pattern
      .compile("/model/([^/]+)/(invoke|invoke-with-response-stream|count-tokens)");
  private static final Pattern AUTH = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private final String region;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Set<String> apiKeys = ConcurrentHashMap.newKeySet();
  /** Every signature checked and whether it matched (a test can see the check ran). */
  public final List<Boolean> signatureChecks = new java.util.concurrent.CopyOnWriteArrayList<>();

  public FakeBedrockServer(String region) {
    this.region = region;
  }

  /** An IAM access key the fake accepts. */
  public FakeBedrockServer withAccessKey(String accessKeyId, String secretAccessKey) {
    secrets.put(accessKeyId, secretAccessKey);
    return this;
  }

  /** A Bedrock API key the fake accepts as {@code Authorization: Bearer}. */
  public FakeBedrockServer withApiKey(String apiKey) {
    apiKeys.add(apiKey);
    return this;
  }

  @Override
  protected void serve(HttpServerRequest req, Buffer body) {
    String credential = authenticate(req, body);
    if (credential == null) return;
    Matcher m = PATH.matcher(req.path());
    if (!req.method().name().equals("POST") || !m.matches()) {
      error(req.response(), 404, "UnknownOperationException", null);
      return;
    }
    String modelId = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    Behaviour b = behaviourFor(credential);
    if (b.hangs()) return;
    if (b.isError()) {
      String exception = b.headers().getOrDefault("x-amzn-errortype", exceptionFor(b.status())).split(":")[0];
      error(req.response(), b.status(), exception, b.errorMessage());
      return;
    }
    JsonObject invoke;
    try {
      JsonObject json = body.toJsonObject();
      if (m.group(2).equals("count-tokens")) {
        String inner = json.getJsonObject("input").getJsonObject("invokeModel").getString("body");
        invoke = new JsonObject(Buffer.buffer(Base64.getDecoder().decode(inner)));
      } else {
        invoke = json;
      }
    } catch (RuntimeException notJson) {
      error(req.response(), 400, "ValidationException",
          "Malformed input request, please reformat your input and try again.");
      return;
    }
    String invalid = invalid(invoke);
    if (invalid != null) {
      error(req.response(), 400, "ValidationException",
          "Malformed input request: " + invalid + ", please reformat your input and try again.");
      return;
    }
    String model = anthropicName(modelId);
    String id = "msg_bdrk_" + AnthropicWire.newId("x").substring(4);
    switch (m.group(2)) {
      case "count-tokens" -> json(req.response(), 200, new JsonObject().put("inputTokens", b.usage().input()).encode());
      case "invoke" -> {
        req.response().putHeader("x-amzn-bedrock-input-token-count", String.valueOf(b.usage().input()))
            .putHeader("x-amzn-bedrock-output-token-count", String.valueOf(b.usage().output()));
        json(req.response(), 200, AnthropicWire.message(id, model, b).encode());
      }
      default -> stream(req.response(), AnthropicWire.streamEvents(id, model, b), b);
    }
  }

  /** The credential (access key id or API key) of a request whose signature or key is good; null once refused. */
  private String authenticate(HttpServerRequest req, Buffer body) {
    String auth = req.getHeader("authorization");
    if (auth != null && auth.startsWith("Bearer ")) {
      String token = auth.substring(7).trim();
      if (apiKeys.contains(token)) return token;
      error(req.response(), 403, "UnrecognizedClientException",
          "Invalid API Key format: Must start with pre-defined prefix");
      return null;
    }
    Matcher a = auth == null ? null : AUTH.matcher(auth);
    if (a == null || !a.matches()) {
      error(req.response(), 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
      return null;
    }
    String accessKeyId = a.group(1);
    String secret = secrets.get(accessKeyId);
    if (secret == null) {
      error(req.response(), 403, "UnrecognizedClientException",
          "The security token included in the request is invalid.");
      return null;
    }
    if (!a.group(3).equals(region)) {
      // Signed for another region: AWS refuses the credential scope before it looks at the signature.
      signatureChecks.add(false);
      error(req.response(), 403, "InvalidSignatureException", "Credential should be scoped to a valid region. ");
      return null;
    }
    boolean matches = a.group(4).equals("bedrock")
        && auth.equals(resign(req, body, accessKeyId, secret, a.group(5)));
    signatureChecks.add(matches);
    if (!matches) {
      error(req.response(), 403, "InvalidSignatureException", "The request signature we calculated does not match the"
          + " signature you provided. Check your AWS Secret Access Key and signing method. Consult the service"
          + " documentation for details.");
      return null;
    }
    return accessKeyId;
  }

  /** The Authorization header AWS's signer makes for this request with the secret the fake knows. */
  private String resign(HttpServerRequest req, Buffer body, String accessKeyId, String secret, String signedHeaders) {
    String uri = "http://" + req.getHeader("host") + req.path() + (req.query() == null ? "" : "?" + req.query());
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(uri));
    for (String name : signedHeaders.split(";")) {
      if (Set.of("host", "x-amz-date", "x-amz-security-token").contains(name)) continue;
      String v = req.getHeader(name);
      if (v != null) unsigned.putHeader(name, v);
    }
    String token = req.getHeader("x-amz-security-token");
    AwsCredentialsIdentity identity = token == null
        ? AwsCredentialsIdentity.create(accessKeyId, secret)
        : AwsSessionCredentialsIdentity.create(accessKeyId, secret, token);
    Instant at = Instant.from(AMZ_DATE.parse(req.getHeader("x-amz-date")));
    return AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(unsigned.build())
        .payload(ContentStreamProvider.fromByteArray(body.getBytes()))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
        .request().firstMatchingHeader("Authorization").orElse("");
  }

  /** What Bedrock's Anthropic schema refuses, or null. */
  private static String invalid(JsonObject invoke) {
    if (!invoke.containsKey("anthropic_version")) return "#: required key [anthropic_version] not found";
    if (invoke.containsKey("model")) return "#: extraneous key [model] is not permitted";
    if (invoke.containsKey("stream")) return "#: extraneous key [stream] is not permitted";
    if (!invoke.containsKey("max_tokens")) return "#: required key [max_tokens] not found";
    if (invoke.getJsonArray("messages") == null) return "#: required key [messages] not found";
    return null;
  }

  /** {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0} → {@code claude-sonnet-4-5-20250929}, as Bedrock reports it. */
  static String anthropicName(String modelId) {
    String m = modelId.substring(modelId.indexOf("anthropic.") < 0 ? 0 : modelId.indexOf("anthropic.") + 10);
    return m.replaceAll("-v\\d+(:\\d+)?$", "");
  }

  private void stream(HttpServerResponse resp, List<AnthropicWire.SseEvent> events, Behaviour b) {
    List<Buffer> frames = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (i == b.errorEventAfter()) {
        frames.add(exceptionFrame("throttlingException",
            b.errorMessage() == null ? "Too many tokens, please wait before trying again." : b.errorMessage()));
        break;
      }
      JsonObject event = events.get(i).data().copy();
      if (event.getString("type").equals("message_stop")) {
        event.put("amazon-bedrock-invocationMetrics", new JsonObject().put("inputTokenCount", b.usage().input())
            .put("outputTokenCount", b.usage().output()).put("invocationLatency", 321).put("firstByteLatency", 123));
      }
      frames.add(chunkFrame(event));
    }
    resp.setStatusCode(200).setChunked(true).putHeader("content-type", "application/vnd.amazon.eventstream")
        .putHeader("x-amzn-bedrock-content-type", "application/json");
    write(resp, frames, 0, b);
  }

  private void write(HttpServerResponse resp, List<Buffer> frames, int i, Behaviour b) {
    if (resp.closed()) return;
    if (i == frames.size()) {
      resp.end();
      return;
    }
    if (i == b.cutAfterEvents()) {
      resp.reset(); // the connection closes mid-stream, without the stream's last frames
      return;
    }
    Buffer frame = frames.get(i);
    if (b.splitWrites() && frame.length() > 8) {
      // A frame split across writes: the decoder must wait for the rest.
      resp.write(frame.getBuffer(0, 7));
      resp.write(frame.getBuffer(7, frame.length()));
    } else {
      resp.write(frame);
    }
    if (b.eventGap().isZero()) write(resp, frames, i + 1, b);
    else vertx.setTimer(Math.max(1, b.eventGap().toMillis()), t -> write(resp, frames, i + 1, b));
  }

  static Buffer chunkFrame(JsonObject anthropicEvent) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString("chunk"));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    String bytes = Base64.getEncoder().encodeToString(anthropicEvent.encode().getBytes(StandardCharsets.UTF_8));
    return encode(new Message(headers, new JsonObject().put("bytes", bytes).put("p", "abcdefgh").encode()
        .getBytes(StandardCharsets.UTF_8)));
  }

  static Buffer exceptionFrame(String exceptionType, String message) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":exception-type", HeaderValue.fromString(exceptionType));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("exception"));
    return encode(
        new Message(headers, new JsonObject().put("message", message).encode().getBytes(StandardCharsets.UTF_8)));
  }

  private static Buffer encode(Message m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.encode(out);
    return Buffer.buffer(out.toByteArray());
  }

  private static String exceptionFor(int status) {
    return switch (status) {
      case 400 -> "ValidationException";
      case 403 -> "AccessDeniedException";
      case 404 -> "ResourceNotFoundException";
      case 408 -> "ModelTimeoutException";
      case 424 -> "ModelErrorException";
      case 429 -> "ThrottlingException";
      case 503 -> "ServiceUnavailableException";
      default -> "InternalServerException";
    };
  }

  private static String defaultMessage(String exception) {
    return switch (exception) {
      case "ThrottlingException" -> "Too many requests, please wait before trying again.";
      case "AccessDeniedException" -> "You don't have access to the model with the specified model ID.";
      case "ValidationException" -> "The provided model identifier is invalid.";
      case "ServiceUnavailableException" -> "Bedrock is unable to process your request.";
      default -> "The server encountered an internal error.";
    };
  }

  /** Bedrock's error shape: {@code {"message": …}} and the exception's name in {@code x-amzn-ErrorType}. */
  private static void error(HttpServerResponse resp, int status, String exception, String message) {
    resp.putHeader("x-amzn-errortype", exception + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
        .putHeader("x-amzn-requestid", java.util.UUID.randomUUID().toString());
    json(resp, status, new JsonObject().put("message", message == null ? defaultMessage(exception) : message).encode());
  }

  /** Requests received for an operation ({@code invoke}, {@code invoke-with-response-stream}, {@code count-tokens}). */
  public long count(String operation) {
    return requests().stream().filter(r -> r.path().endsWith("/" + operation)).count();
  }
}
