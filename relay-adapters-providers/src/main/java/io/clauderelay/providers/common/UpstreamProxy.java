package io.clauderelay.providers.common;

import io.clauderelay.domain.account.ProxySpec;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.time.Duration;

/**
 * Turns an account's {@link ProxySpec} into Vert.x proxy options. Vert.x hands the target host
 * to the proxy unresolved, so {@code socks5} behaves like {@code socks5h} (the proxy resolves
 * names, as the original's socks5h agent did) and {@code socks4} like SOCKS4a; {@code https}
 * means an HTTP proxy that tunnels TLS targets with CONNECT, spoken to in plain HTTP.
 */
public final class UpstreamProxy {
  private UpstreamProxy() {}

  public static ProxyOptions options(ProxySpec spec, Duration connectTimeout) {
    ProxyOptions o = new ProxyOptions()
        .setType(switch (spec.kind()) {
          case HTTP, HTTPS -> ProxyType.HTTP;
          case SOCKS5, SOCKS5H -> ProxyType.SOCKS5;
          case SOCKS4 -> ProxyType.SOCKS4;
        })
        .setHost(spec.bareHost())
        .setPort(spec.port())
        .setConnectTimeout(connectTimeout);
    if (!spec.username().isEmpty()) o.setUsername(spec.username());
    if (spec.hasPassword()) o.setPassword(spec.password());
    return o;
  }
}
