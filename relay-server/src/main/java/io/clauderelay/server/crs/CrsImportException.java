package io.clauderelay.server.crs;

/** An import that cannot go on (unreachable CRS, wrong CRS key): one line for the operator, no secret in it. */
final class CrsImportException extends Exception {
  CrsImportException(String message) {
    super(message);
  }
}
