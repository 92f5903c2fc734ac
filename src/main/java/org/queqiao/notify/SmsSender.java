package org.queqiao.notify;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.queqiao.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the SMS the outbox holds, like {@link EmailSender}: deployed once per instance when
 * SMS_PROVIDER is set; rows are claimed with SKIP LOCKED and a lease, so each SMS is sent by one
 * instance; the provider's answer decides between sent, retried (with backoff, never sooner than
 * the provider asks) and given up.
 */
public final class SmsSender extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SmsSender.class);
  static final int MAX_ATTEMPTS = 10;
  private static final int BATCH = 20;
  // Each request is cut off after this (the provider client's own timeout is shorter), and the
  // claimed messages go one after another, so a round ends before its lease does.
  static final int SEND_TIMEOUT_SECONDS = AliyunSms.REQUEST_TIMEOUT_SECONDS + 5;
  static final int LEASE_SECONDS = BATCH * SEND_TIMEOUT_SECONDS + 60;
  private static final int MAX_RETRY_SECONDS = 3600;

  private final Pool pool;
  private final SmsOutboxRepository outbox;
  private final NotificationTexts texts;
  private final AppConfig config;
  private final Clock clock;
  private final long pollMillis;
  private final AtomicBoolean busy = new AtomicBoolean();
  private AliyunSms provider;
  private long timer = -1;

  public SmsSender(AppConfig config, Pool pool, SmsOutboxRepository outbox, NotificationTexts texts, Clock clock) {
    this.config = config;
    this.pool = pool;
    this.outbox = outbox;
    this.texts = texts;
    this.clock = clock;
    this.pollMillis = config.emailPollSeconds() * 1000L;
  }

  @Override
  public Future<?> start() {
    // The request's Timestamp is checked by the provider against real time, whatever clock
    // decides the quiet hours.
    provider = new AliyunSms(vertx, config.sms().orElseThrow(), Clock.systemUTC());
    timer = vertx.setPeriodic(pollMillis, id -> sendDue());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return provider.close();
  }

  /** One polling round; rounds on the same instance never overlap. */
  Future<Integer> sendDue() {
    if (!busy.compareAndSet(false, true)) {
      return Future.succeededFuture(0);
    }
    return outbox.claim(pool, BATCH, LEASE_SECONDS, OffsetDateTime.now(clock), config.quietFrom(), config.quietUntil())
        .compose(claimed -> {
          Future<Integer> sent = Future.succeededFuture(0);
          for (SmsOutboxRepository.Sms sms : claimed) {
            sent = sent.compose(count -> send(sms).map(ok -> ok ? count + 1 : count));
          }
          return sent;
        })
        .onFailure(e -> LOG.warn("SMS round failed", e))
        .onComplete(done -> busy.set(false));
  }

  private Future<Boolean> send(SmsOutboxRepository.Sms sms) {
    Notification n = sms.notification();
    String template = config.sms().orElseThrow().templates().get(n.kind().name());
    if (template == null) {
      return outbox.markFailed(pool, n.id(), "no template configured (SMS_TEMPLATE_" + n.kind().name() + ")", 0,
          MAX_ATTEMPTS, true).map(false);
    }
    return provider.send(sms.to(), template, texts.smsParams(n.params()))
        .timeout(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .recover(failure -> Future.succeededFuture(new SmsProvider.Outcome.Retry(String.valueOf(failure.getMessage()), 0)))
        .compose(outcome -> record(sms, outcome));
  }

  private Future<Boolean> record(SmsOutboxRepository.Sms sms, SmsProvider.Outcome outcome) {
    long id = sms.notification().id();
    if (outcome instanceof SmsProvider.Outcome.Sent) {
      return outbox.markSent(pool, id).map(true);
    }
    if (outcome instanceof SmsProvider.Outcome.GiveUp giveUp) {
      LOG.warn("SMS for notification {} given up: {}", id, giveUp.error());
      return outbox.markFailed(pool, id, giveUp.error(), 0, MAX_ATTEMPTS, true).map(false);
    }
    SmsProvider.Outcome.Retry retry = (SmsProvider.Outcome.Retry) outcome;
    int backoff = (int) Math.min(MAX_RETRY_SECONDS,
        config.emailRetryBaseSeconds() * (1L << Math.min(20, sms.attempts() - 1)));
    LOG.warn("SMS for notification {} failed (attempt {}): {}", id, sms.attempts(), retry.error());
    return outbox.markFailed(pool, id, retry.error(), Math.max(backoff, retry.atLeastSeconds()), MAX_ATTEMPTS, false)
        .map(false);
  }
}
