package io.clauderelay.domain.account;

/**
 * The request fields a sticky session id is derived from, extracted by the caller (the domain has
 * no JSON library): {@code metadata.user_id}; the {@code session_id} or {@code x-session-id}
 * header; the body's {@code session_id} or {@code prompt_cache_key}; the system prompt's text; the
 * first user message's text. Any may be null.
 */
public record SessionFacts(
    String metadataUserId, String sessionIdHeader, String bodySessionId, String systemText, String firstUserText) {}
