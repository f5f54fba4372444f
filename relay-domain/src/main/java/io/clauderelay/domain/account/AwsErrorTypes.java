package io.clauderelay.domain.account;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * AWS answers (Bedrock) name their exception in {@code x-amzn-ErrorType}; two of them carry a status
 * that would misclassify them: ServiceQuotaExceededException is a 400 but is the account's quota, not
 * the request's fault (cool down and fail over, as a rate limit); ModelTimeoutException is a 408 but
 * is the model timing out (a timeout). Every other exception keeps its status's class.
 */
final class AwsErrorTypes {
  private AwsErrorTypes() {}

  /** The class the exception named in {@code headers} overrides its status with, if any. */
  static Optional<UpstreamFailureClass> of(Map<String, String> headers) {
    String type = headers.get("x-amzn-errortype");
    if (type == null) return Optional.empty();
    // "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/": the name is before ':'.
    int colon = type.indexOf(':');
    String name = (colon < 0 ? type : type.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    return Optional.ofNullable(switch (name) {
      case "servicequotaexceededexception" -> UpstreamFailureClass.RATE_LIMITED;
      case "modeltimeoutexception" -> UpstreamFailureClass.TIMEOUT;
      default -> null;
    });
  }
}
