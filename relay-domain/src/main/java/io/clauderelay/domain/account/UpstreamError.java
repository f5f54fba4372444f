package io.clauderelay.domain.account;

/** The last upstream error of a request, as the client will be told it: status, error type and message. */
public record UpstreamError(int status, String type, String message) {}
