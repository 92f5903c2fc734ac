package org.queqiao.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Sends one templated SMS; the answer says whether it went, should be tried again, or never will. */
public interface SmsProvider {

  Future<Outcome> send(String phoneNumber, String templateCode, JsonObject templateParams);

  /** What the provider said, sorted by what the outbox must do about it. */
  sealed interface Outcome {
    /** Accepted; {@code reference} is the provider's id for the message. */
    record Sent(String reference) implements Outcome {}

    /**
     * Not now (throttled, out of credit, provider or network trouble): try again, not before
     * {@code atLeastSeconds}.
     */
    record Retry(String error, int atLeastSeconds) implements Outcome {}

    /** Never (an invalid number, a refused template): trying again would fail the same way. */
    record GiveUp(String error) implements Outcome {}
  }
}
