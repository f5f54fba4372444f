package io.clauderelay.providers.bedrock;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * SigV4 for Bedrock with AWS's own signer ({@link AwsV4HttpSigner}, service {@code bedrock}): the
 * relay builds the {@link SdkHttpRequest}, the signer adds {@code Authorization}, {@code X-Amz-Date}
 * (and the session token), the relay's own HTTP client sends. CPU only: fine on the event loop.
 */
public final class BedrockSigner {
  public static final String SERVICE = "bedrock";
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private BedrockSigner() {}

  /** The request's headers after signing (the given ones plus the signature's), by name. */
  public static Map<String, List<String>> sign(URI uri, Map<String, String> headers, byte[] body,
      BedrockCredential credential, Clock clock) {
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
    headers.forEach(request::putHeader);
    AwsCredentialsIdentity identity = credential.sessionToken() == null
        ? AwsCredentialsIdentity.create(credential.accessKeyId(), credential.secretAccessKey())
        : AwsSessionCredentialsIdentity.create(credential.accessKeyId(), credential.secretAccessKey(),
            credential.sessionToken());
    return SIGNER.sign(r -> r.identity(identity)
        .request(request.build())
        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
        .putProperty(AwsV4HttpSigner.REGION_NAME, credential.region())
        .putProperty(HttpSigner.SIGNING_CLOCK, clock))
        .request().headers();
  }
}
