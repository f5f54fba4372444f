package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.domain.account.ProxySpec;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.providers.common.UpstreamProxy;
import io.clauderelay.server.proxy.AccountProxies;
import io.clauderelay.server.proxy.StoredProxy;
import io.vertx.core.net.ProxyOptions;

/**
 * The {@code proxy} field of the account admin API: a URL or the original's object form in,
 * validated (400 naming {@code proxy}) and stored encrypted; out, the URL with its password masked.
 * Sending the masked form back keeps the stored password, so a console can round-trip it.
 */
final class ProxyField {
  private static final int MAX_LENGTH = 500;

  private ProxyField() {}

  /** The stored value for a new account ({@code ""} for none). */
  static String create(JsonFields f, SecretCipher cipher) {
    ProxySpec spec = read(f);
    if (spec == null) return "";
    if (spec.password().equals(ProxySpec.MASK)) throw masked();
    return StoredProxy.seal(spec, cipher);
  }

  /** The body's proxy as Vert.x options (null for none), for calls made before the account exists (code exchange). */
  static ProxyOptions options(JsonFields f) {
    ProxySpec spec = read(f);
    if (spec == null) return null;
    if (spec.password().equals(ProxySpec.MASK)) throw masked();
    return UpstreamProxy.options(spec, AccountProxies.CONNECT_TIMEOUT);
  }

  /** The stored value after an update: absent keeps {@code stored}, null or empty removes the proxy. */
  static String update(JsonFields f, String stored, SecretCipher cipher) {
    if (f.node("proxy") == null) return stored;
    ProxySpec spec = read(f);
    if (spec == null) return "";
    if (spec.password().equals(ProxySpec.MASK)) {
      ProxySpec before = stored.isEmpty()
          ? null
          : StoredProxy.open(stored, cipher) instanceof ProxySpec.Valid v ? v.spec() : null;
      if (before == null || !before.hasPassword()) throw masked();
      spec = spec.withPassword(before.password());
    }
    return StoredProxy.seal(spec, cipher);
  }

  /** What the admin API shows: the URL with the password masked, {@code ""} for none, never the stored text. */
  static String view(String stored, SecretCipher cipher) {
    if (stored.isEmpty()) return "";
    ProxySpec.Result r = StoredProxy.open(stored, cipher);
    return r instanceof ProxySpec.Valid v ? v.spec().masked() : "(unusable: " + ((ProxySpec.Invalid) r).problem() + ")";
  }

  /** The body's proxy, or null when it names none; a 400 naming {@code proxy} when it is not one. */
  static ProxySpec read(JsonFields f) {
    JsonNode n = f.node("proxy");
    if (n == null || n.isNull()) return null;
    ProxySpec.Result r;
    if (n.isObject()) {
      if (n.has("enabled") && !n.path("enabled").asBoolean(true)) return null;
      r = StoredProxy.object(n);
    } else if (n.isTextual()) {
      String text = f.string("proxy", MAX_LENGTH).trim();
      if (text.isEmpty()) return null;
      r = text.startsWith("{") ? StoredProxy.object(text) : ProxySpec.parse(text);
    } else {
      throw JsonFields.bad("proxy", "must be a string or an object; accepted: " + ProxySpec.ACCEPTED);
    }
    if (r instanceof ProxySpec.Invalid bad)
      throw JsonFields.bad("proxy", bad.problem() + "; accepted: " + ProxySpec.ACCEPTED);
    return ((ProxySpec.Valid) r).spec();
  }

  private static RuntimeException masked() {
    return JsonFields.bad("proxy",
        "has the masked password " + ProxySpec.MASK + " but no password is stored: send the real one");
  }
}
