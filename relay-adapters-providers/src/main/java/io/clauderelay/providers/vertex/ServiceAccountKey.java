package io.clauderelay.providers.vertex;

import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A Google service account's key file (the JSON the console downloads), checked the way Google's
 * auth library reads it: {@code type: service_account}, {@code client_email}, a readable
 * {@code private_key}; {@code token_uri} says where its tokens come from (tests point it at a fake).
 */
public record ServiceAccountKey(String clientEmail, String projectId, String tokenUri) {

  /** Thrown with a message that names what is wrong and never quotes the key. */
  public static final class InvalidKeyException extends Exception {
    InvalidKeyException(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads the key file's JSON without contacting anyone. */
  public static ServiceAccountKey parse(String json) throws InvalidKeyException {
    if (json == null || json.isBlank()) throw new InvalidKeyException("is empty");
    ServiceAccountCredentials credentials;
    try {
      credentials = credentials(json);
    } catch (IOException | RuntimeException unreadable) {
      // Google's messages name the missing field ("Error reading service account credential from JSON, expecting 'client_email'…").
      throw new InvalidKeyException(
          "is not a service account key file (type service_account with client_email and private_key): "
              + reason(unreadable));
    }
    return new ServiceAccountKey(credentials.getClientEmail(), credentials.getProjectId(),
        credentials.getTokenServerUri() == null ? null : credentials.getTokenServerUri().toString());
  }

  static ServiceAccountCredentials credentials(String json) throws IOException {
    return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** The credentials, their token requests sent by {@code transport}. */
  static ServiceAccountCredentials credentials(String json, HttpTransportFactory transport) throws IOException {
    return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        transport);
  }

  /** The library's first line, which names the field; never more (a PEM parser might echo input). */
  private static String reason(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (m.contains("PRIVATE KEY") || m.length() > 200) return "unreadable private_key";
    return m;
  }
}
