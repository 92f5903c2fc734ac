package org.queqiao.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.net.URI;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.queqiao.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the e-mails the outbox holds: a verticle deployed once per instance when SMTP is
 * configured. Every instance polls; rows are claimed with SKIP LOCKED and
 * a lease, so each e-mail is sent by one instance. A failure is retried with exponential backoff
 * and recorded; after {@link #MAX_ATTEMPTS} the e-mail is marked FAILED (the inbox entry stays).
 */
public final class EmailSender extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(EmailSender.class);
  static final int MAX_ATTEMPTS = 10;
  private static final int BATCH = 20;
  // One message's SMTP conversation (connect timeout 20 s + sending) is cut off after this, and the
  // claimed messages are sent one after another, so a whole round ends before its lease does and no
  // other instance can claim a message this one is still sending.
  static final int SEND_TIMEOUT_SECONDS = 30;
  static final int LEASE_SECONDS = BATCH * SEND_TIMEOUT_SECONDS + 60;
  private static final int MAX_RETRY_SECONDS = 3600;

  private MailClient mail;
  private final NotificationService notifications;
  private final NotificationTexts texts;
  private final AppConfig.Smtp smtp;
  private final URI publicBaseUrl;
  private final int retryBaseSeconds;
  private final long pollMillis;
  private final LocalTime quietFrom;
  private final LocalTime quietUntil;
  private final AtomicBoolean busy = new AtomicBoolean();
  private long timer = -1;

  private final Counter failures;

  public EmailSender(AppConfig config, NotificationService notifications, NotificationTexts texts, MeterRegistry meters) {
    this.failures = Counter.builder("queqiao.email.failures")
        .description("E-mail attempts that failed (each is retried later, up to the limit)").register(meters);
    this.smtp = config.smtp().orElseThrow();
    this.notifications = notifications;
    this.texts = texts;
    this.publicBaseUrl = config.publicBaseUrl();
    this.retryBaseSeconds = config.emailRetryBaseSeconds();
    this.pollMillis = config.emailPollSeconds() * 1000L;
    this.quietFrom = config.quietFrom();
    this.quietUntil = config.quietUntil();
  }

  static MailConfig mailConfig(AppConfig.Smtp smtp) {
    MailConfig config = new MailConfig()
        .setHostname(smtp.host())
        .setPort(smtp.port())
        .setConnectTimeout(20_000)
        .setKeepAlive(false);
    if (smtp.tls()) {
      if (smtp.port() == 465) {
        config.setSsl(true);
      } else {
        config.setStarttls(StartTLSOptions.REQUIRED);
      }
    } else {
      config.setStarttls(StartTLSOptions.DISABLED);
    }
    if (smtp.user().isPresent()) {
      config.setLogin(LoginOption.REQUIRED).setUsername(smtp.user().get()).setPassword(smtp.password().orElse(""));
    } else {
      config.setLogin(LoginOption.DISABLED);
    }
    return config;
  }

  @Override
  public Future<?> start() {
    mail = MailClient.create(vertx, mailConfig(smtp));
    timer = vertx.setPeriodic(pollMillis, id -> sendDue());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return mail.close();
  }

  /** One polling round; rounds on the same instance never overlap. */
  Future<Integer> sendDue() {
    if (!busy.compareAndSet(false, true)) {
      return Future.succeededFuture(0);
    }
    return notifications.claimEmails(BATCH, LEASE_SECONDS, OffsetDateTime.now(), quietFrom, quietUntil)
        .compose(claimed -> {
          Future<Integer> sent = Future.succeededFuture(0);
          for (NotificationRepository.Email email : claimed) {
            sent = sent.compose(count -> send(email).map(ok -> ok ? count + 1 : count));
          }
          return sent;
        })
        .onFailure(e -> LOG.warn("E-mail round failed", e))
        .onComplete(done -> busy.set(false));
  }

  private Future<Boolean> send(NotificationRepository.Email email) {
    Notification n = email.notification();
    NotificationTexts.Text zh = texts.render(n.kind(), n.params(), "zh");
    NotificationTexts.Text en = texts.render(n.kind(), n.params(), "en");
    String link = publicBaseUrl + n.link();
    MailMessage message = new MailMessage()
        .setFrom(smtp.from())
        .setTo(email.to())
        .setSubject(zh.title() + " | " + en.title())
        .setText(zh.title() + "\n\n" + zh.body() + "\n" + link + "\n\n-- \n" + en.title() + "\n\n" + en.body() + "\n"
            + link + "\n\n鹊桥 Queqiao");
    return mail.sendMail(message)
        .timeout(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .compose(result -> notifications.markSent(n.id()).map(true))
        .recover(failure -> {
          int retryIn = (int) Math.min(MAX_RETRY_SECONDS, retryBaseSeconds * (1L << Math.min(20, email.attempts() - 1)));
          failures.increment();
          LOG.warn("E-mail for notification {} failed (attempt {}): {}", n.id(), email.attempts(), failure.getMessage());
          return notifications.markFailed(n.id(), failure.getMessage(), retryIn, MAX_ATTEMPTS).map(false);
        });
  }
}
