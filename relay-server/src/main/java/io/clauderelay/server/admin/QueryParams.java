package io.clauderelay.server.admin;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** Typed reads of admin query parameters; a wrong value fails with a 400 naming the parameter. */
final class QueryParams {
  private final RoutingContext rc;

  QueryParams(RoutingContext rc) {
    this.rc = rc;
  }

  String string(String name, int maxLength) {
    String v = rc.request().getParam(name);
    if (v == null || v.isEmpty()) return null;
    if (v.length() > maxLength) throw JsonFields.bad(name, "must be at most " + maxLength + " characters");
    return v;
  }

  int integer(String name, int min, int max, int fallback) {
    String v = string(name, 12);
    if (v == null) return fallback;
    if (!v.matches("-?\\d{1,10}")) throw JsonFields.bad(name, "must be a whole number");
    long n = Long.parseLong(v);
    if (n < min || n > max) throw JsonFields.bad(name, "must be between " + min + " and " + max);
    return (int) n;
  }

  /** One of {@code allowed}, or {@code fallback} when absent. */
  String choice(String name, java.util.List<String> allowed, String fallback) {
    String v = string(name, 40);
    if (v == null) return fallback;
    if (!allowed.contains(v)) throw JsonFields.bad(name, "must be one of " + String.join(", ", allowed));
    return v;
  }

  Boolean bool(String name) {
    String v = string(name, 5);
    if (v == null || v.equals("all")) return null;
    if (v.equals("true")) return true;
    if (v.equals("false")) return false;
    throw JsonFields.bad(name, "must be true or false");
  }

  /** A day id (yyyy-MM-dd) in the operator's time zone, or {@code fallback}. */
  String day(String name, String fallback) {
    String v = string(name, 10);
    if (v == null) return fallback;
    try {
      return LocalDate.parse(v).toString();
    } catch (DateTimeParseException e) {
      throw JsonFields.bad(name, "must be a day such as 2026-03-01");
    }
  }

  YearMonth month(String name, YearMonth fallback) {
    String v = string(name, 7);
    if (v == null) return fallback;
    try {
      return YearMonth.parse(v);
    } catch (DateTimeParseException e) {
      throw JsonFields.bad(name, "must be a month such as 2026-03");
    }
  }
}
