package io.clauderelay.server.admin;

import io.clauderelay.domain.port.LoginThrottle;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.observe.RelayObserver;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Locale;

/**
 * Failed admin logins counted per source address and per user name in the shared store, so a
 * lockout holds on every node: {@code maxFailures} within {@code window} lock that subject out.
 */
public final class LoginGate {
  private final RelayObserver observer;
  public static final int MAX_FAILURES = 5;
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final Duration LOCKOUT = Duration.ofMinutes(15);

  private final LoginThrottle throttle;
  private final boolean trustProxy;

  public LoginGate(LoginThrottle throttle, boolean trustProxy) {
    this(throttle, trustProxy, RelayObserver.NONE);
  }

  public LoginGate(LoginThrottle throttle, boolean trustProxy, RelayObserver observer) {
    this.observer = observer;
    this.throttle = throttle;
    this.trustProxy = trustProxy;
  }

  /** The longer lockout left of the two subjects, zero when both may try. */
  Future<Duration> lockedFor(String ip, String username) {
    return Async.from(throttle.lockedFor(ipSubject(ip), MAX_FAILURES))
        .compose(a -> Async.from(throttle.lockedFor(userSubject(username), MAX_FAILURES)).map(b -> max(a, b)));
  }

  /** Counts a failure against both subjects; the lockout left, zero while below the threshold. */
  Future<Duration> failed(String ip, String username) {
    return Async.from(throttle.recordFailure(ipSubject(ip), MAX_FAILURES, WINDOW, LOCKOUT))
        .compose(a -> Async.from(throttle.recordFailure(userSubject(username), MAX_FAILURES, WINDOW, LOCKOUT))
            .map(b -> {
              Duration locked = max(a, b);
              // Reported once, by the failure that crossed the threshold (later ones are refused before counting).
              if (!locked.isZero()) observer.loginLockedOut(ip, username, locked);
              return locked;
            }));
  }

  Future<Void> succeeded(String ip, String username) {
    return Async.from(throttle.clear(ipSubject(ip))).compose(v -> Async.from(throttle.clear(userSubject(username))));
  }

  /** The caller's address: the first X-Forwarded-For hop behind a trusted proxy, else the socket peer. */
  public String clientIp(RoutingContext rc) {
    if (trustProxy) {
      String forwarded = rc.request().getHeader("x-forwarded-for");
      if (forwarded != null && !forwarded.isBlank()) return forwarded.split(",")[0].trim();
    }
    return rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
  }

  /** A user name as logged and counted: at most 64 characters, so a pasted secret is not kept whole. */
  static String shortName(String username) {
    if (username == null) return "";
    String u = username.trim();
    return u.length() > 64 ? u.substring(0, 64) : u;
  }

  private static String ipSubject(String ip) {
    return "ip:" + ip;
  }

  private static String userSubject(String username) {
    return "user:" + shortName(username).toLowerCase(Locale.ROOT);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
