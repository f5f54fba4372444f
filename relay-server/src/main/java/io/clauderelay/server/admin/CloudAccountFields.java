package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.providers.azure.AzureTarget;
import io.clauderelay.providers.vertex.ServiceAccountKey;
import io.clauderelay.providers.vertex.VertexTarget;
import io.clauderelay.server.cloud.CloudUpstreams;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields only cloud accounts have. Azure OpenAI (CRS's names): {@code azureEndpoint},
 * {@code deploymentName}, {@code apiVersion}, {@code apiKey}. Vertex AI: {@code serviceAccountJson}
 * (the key file, as text or as an object; encrypted like every credential, never shown),
 * {@code projectId} (the key file's when absent), {@code region}, and {@code apiUrl} to reach
 * another endpoint than Google's regional one. On update an absent or empty field keeps its value.
 */
final class CloudAccountFields {
  /** What an account's shared fields do not hold: base URL, encrypted credential, options. */
  record Parts(String baseUrl, String credential, Map<String, String> options) {}

  private CloudAccountFields() {}

  static boolean handles(AccountType type) {
    return type == AccountType.AZURE_OPENAI || type == AccountType.VERTEX;
  }

  static Parts create(JsonFields f, AccountType type, SecretCipher cipher) {
    return type == AccountType.AZURE_OPENAI ? azure(f, null, cipher) : vertex(f, null, cipher);
  }

  static Parts update(JsonFields f, Account current, SecretCipher cipher) {
    return current.type() == AccountType.AZURE_OPENAI ? azure(f, current, cipher) : vertex(f, current, cipher);
  }

  /** Adds the type's own fields to an account's admin view; never the key or the key file. */
  static void view(Account a, ObjectNode n) {
    if (a.type() == AccountType.AZURE_OPENAI) {
      n.put("azureEndpoint", a.baseUrl()).put("deploymentName", a.option(CloudUpstreams.DEPLOYMENT, ""))
          .put("apiVersion", a.option(CloudUpstreams.API_VERSION, AzureTarget.DEFAULT_API_VERSION));
    } else if (a.type() == AccountType.VERTEX) {
      n.put("projectId", a.option(CloudUpstreams.PROJECT, "")).put("region", a.option(CloudUpstreams.REGION, ""))
          .put("serviceAccountEmail", a.option(CloudUpstreams.CLIENT_EMAIL, ""));
    }
  }

  private static Parts azure(JsonFields f, Account current, SecretCipher cipher) {
    Map<String, String> options = new LinkedHashMap<>(current == null ? Map.of() : current.options());
    String endpoint = f.string("azureEndpoint", 2000);
    if (endpoint == null || endpoint.isBlank()) {
      if (current == null)
        throw JsonFields.bad("azureEndpoint", "is required (e.g. https://my-resource.openai.azure.com)");
      endpoint = current.baseUrl();
    } else {
      endpoint = url("azureEndpoint", endpoint, "https://my-resource.openai.azure.com");
    }
    String deployment = f.string("deploymentName", 64);
    if (deployment != null && !deployment.isBlank()) {
      if (!AzureTarget.DEPLOYMENT.matcher(deployment.trim()).matches())
        throw JsonFields.bad("deploymentName", "must be an Azure deployment name (letters, digits, . _ -)");
      options.put(CloudUpstreams.DEPLOYMENT, deployment.trim());
    } else if (current == null) {
      throw JsonFields.bad("deploymentName", "is required (the model deployment's name in the Azure portal)");
    }
    String version = f.string("apiVersion", 40);
    if (version != null && !version.isBlank()) {
      if (!AzureTarget.API_VERSION.matcher(version.trim()).matches())
        throw JsonFields.bad("apiVersion", "must be an API version such as " + AzureTarget.DEFAULT_API_VERSION);
      options.put(CloudUpstreams.API_VERSION, version.trim());
    } else {
      options.putIfAbsent(CloudUpstreams.API_VERSION, AzureTarget.DEFAULT_API_VERSION);
    }
    String apiKey = f.string("apiKey", 10_000);
    String credential;
    if (apiKey != null && !apiKey.isBlank()) credential = cipher.encrypt(apiKey.trim());
    else if (current != null) credential = current.credential();
    else throw JsonFields.bad("apiKey", "is required (the resource's key 1 or key 2)");
    return new Parts(endpoint, credential, options);
  }

  private static Parts vertex(JsonFields f, Account current, SecretCipher cipher) {
    Map<String, String> options = new LinkedHashMap<>(current == null ? Map.of() : current.options());
    String credential = current == null ? null : current.credential();
    String keyProject = null;
    String keyFile = keyFileText(f);
    if (keyFile != null) {
      ServiceAccountKey key;
      try {
        key = ServiceAccountKey.parse(keyFile);
      } catch (ServiceAccountKey.InvalidKeyException invalid) {
        throw JsonFields.bad("serviceAccountJson", invalid.getMessage());
      }
      credential = cipher.encrypt(keyFile);
      options.put(CloudUpstreams.CLIENT_EMAIL, key.clientEmail());
      keyProject = key.projectId();
    } else if (current == null) {
      throw JsonFields.bad("serviceAccountJson", "is required (the service account's JSON key file)");
    }
    String project = f.string("projectId", 63);
    if (project != null && !project.isBlank()) options.put(CloudUpstreams.PROJECT, project.trim());
    else
      if (keyProject != null && !options.containsKey(CloudUpstreams.PROJECT))
        options.put(CloudUpstreams.PROJECT, keyProject);
    String p = options.get(CloudUpstreams.PROJECT);
    if (p == null) throw JsonFields.bad("projectId", "is required (the key file names no project_id)");
    if (!VertexTarget.PROJECT.matcher(p).matches()) throw JsonFields.bad("projectId", "must be a Google project id");
    String region = f.string("region", 40);
    if (region != null && !region.isBlank()) {
      if (!VertexTarget.REGION.matcher(region.trim()).matches())
        throw JsonFields.bad("region", "must be a Google Cloud region such as us-east5, europe-west1 or global");
      options.put(CloudUpstreams.REGION, region.trim());
    } else {
      options.putIfAbsent(CloudUpstreams.REGION, VertexTarget.DEFAULT_REGION);
    }
    String apiUrl = f.string("apiUrl", 2000);
    String baseUrl = current == null ? null : current.baseUrl();
    // Empty means Google's regional endpoint (the URL is built from the region at send time).
    if (apiUrl != null)
      baseUrl = apiUrl.isBlank() ? null : url("apiUrl", apiUrl, "https://us-east5-aiplatform.googleapis.com");
    return new Parts(baseUrl, credential, options);
  }

  /** The key file as text: the field may hold the pasted JSON or the object itself; null when absent or empty. */
  private static String keyFileText(JsonFields f) {
    JsonNode v = f.node("serviceAccountJson");
    if (v == null || v.isNull()) return null;
    String text;
    if (v.isObject()) text = v.toString();
    else if (v.isTextual()) text = v.asText().trim();
    else throw JsonFields.bad("serviceAccountJson", "must be the key file's JSON (text or object)");
    if (text.isEmpty()) return null;
    if (text.length() > 20_000) throw JsonFields.bad("serviceAccountJson", "is longer than a key file");
    return text;
  }

  private static final Pattern SCHEME = Pattern.compile("https?");

  private static String url(String field, String value, String example) {
    try {
      URI u = URI.create(value.trim());
      if (u.getScheme() != null && SCHEME.matcher(u.getScheme()).matches() && u.getHost() != null)
        return value.trim();
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw JsonFields.bad(field, "must be an http(s) URL such as " + example);
  }
}
