package org.queqiao;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.queqiao.auth.AccountService;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.JwtSecret;
import org.queqiao.auth.LoginThrottle;
import org.queqiao.auth.PasswordHasher;
import org.queqiao.auth.RevokedTokenRepository;
import org.queqiao.auth.TokenService;
import org.queqiao.checkin.AttendanceHub;
import org.queqiao.checkin.CheckinRepository;
import org.queqiao.checkin.CheckinService;
import org.queqiao.checkin.TicketCodes;
import org.queqiao.config.AppConfig;
import org.queqiao.db.DatabaseTarget;
import org.queqiao.db.EmbeddedDatabase;
import org.queqiao.db.Migrations;
import org.queqiao.db.ReadClient;
import org.queqiao.demo.DemoData;
import org.queqiao.demo.DemoRepository;
import org.queqiao.events.EventRepository;
import org.queqiao.events.EventService;
import org.queqiao.health.HealthRepository;
import org.queqiao.jobs.JobRepository;
import org.queqiao.mixer.ContactCipher;
import org.queqiao.mixer.IntroRequestRepository;
import org.queqiao.mixer.IntroService;
import org.queqiao.mixer.MixerRepository;
import org.queqiao.mixer.MixerService;
import org.queqiao.jobs.JobRunner;
import org.queqiao.notify.EmailSender;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.notify.NotificationTexts;
import org.queqiao.rsvp.RsvpRepository;
import org.queqiao.rsvp.RsvpService;
import org.queqiao.unions.UnionRepository;
import org.queqiao.users.AdminBootstrap;
import org.queqiao.users.UserRepository;
import org.queqiao.web.Assets;
import org.queqiao.web.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Queqiao: database (embedded or DATABASE_URL) → migrations → shared services → demo
 * data and admin account → HTTP verticles. Started from {@link Main} and from the tests alike.
 */
public final class Application implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private final Vertx vertx;
  private final Optional<EmbeddedDatabase> embedded;
  private final DatabaseTarget database;
  private final int port;
  private final JobRunner jobs;
  private final Optional<EmailSender> email;
  private final AttendanceHub hub;
  private volatile boolean closed;

  private Application(Vertx vertx, Optional<EmbeddedDatabase> embedded, DatabaseTarget database, int port,
      JobRunner jobs, Optional<EmailSender> email, AttendanceHub hub) {
    this.hub = hub;
    this.vertx = vertx;
    this.embedded = embedded;
    this.database = database;
    this.port = port;
    this.jobs = jobs;
    this.email = email;
  }

  /** Blocks until the server listens; call from a main or test thread, never an event loop. */
  public static Application start(AppConfig config) {
    Optional<EmbeddedDatabase> embedded = config.databaseUrl().isEmpty()
        ? Optional.of(EmbeddedDatabase.start(config.dataDir()))
        : Optional.empty();
    DatabaseTarget database = embedded.map(EmbeddedDatabase::target)
        .orElseGet(() -> DatabaseTarget.fromUrl(config.databaseUrl().orElseThrow()));
    Vertx vertx = null;
    AttendanceHub hub = null;
    try {
      Migrations.migrate(database);
      vertx = Vertx.vertx();
      Pool pool = PgBuilder.pool()
          .with(new PoolOptions().setMaxSize(config.dbPoolSize()))
          .connectingTo(database.connectOptions())
          .using(vertx)
          .build();
      SqlClient reads = ReadClient.create(vertx, database.connectOptions(), config.dbPoolSize());

      UserRepository users = new UserRepository(pool, reads);
      PasswordHasher hasher = new PasswordHasher(vertx);
      byte[] secret = JwtSecret.load(config);
      TokenService tokens = new TokenService(secret, Duration.ofHours(config.sessionHours()));
      RevokedTokenRepository revoked = new RevokedTokenRepository(pool);
      AccountService accounts = new AccountService(revoked, users, hasher, new LoginThrottle(pool, config), tokens);
      Clock clock = Clock.systemUTC();
      Messages messages = Messages.load();
      EventRepository events = new EventRepository(pool, reads);
      RsvpRepository rsvps = new RsvpRepository(pool);
      NotificationRepository notifications = new NotificationRepository(pool, config.smtp().isPresent());
      NotificationTexts texts = new NotificationTexts(messages);
      RsvpService rsvpService = new RsvpService(pool, events, rsvps, notifications, clock);
      EventService eventService = new EventService(events, rsvpService, notifications, clock);
      CheckinRepository checkins = new CheckinRepository(pool);
      CheckinService checkinService = new CheckinService(checkins, eventService, rsvps, rsvpService, users,
          new TicketCodes(secret), clock);
      MixerRepository mixerRepository = new MixerRepository(pool);
      MixerService mixerService = new MixerService(mixerRepository, eventService, notifications,
          ContactCipher.load(config), config.mixerMatchingDays(), clock);
      IntroService introService = new IntroService(new IntroRequestRepository(pool), mixerService, eventService,
          notifications);
      hub = new AttendanceHub(vertx, database.connectOptions());
      hub.start().await();
      Services services = new Services(config, pool, messages, new Assets(), users, new UnionRepository(pool),
          new HealthRepository(pool), accounts, new Authentication(tokens, users, config.secureCookies()),
          clock, events, eventService, rsvps, rsvpService, notifications, texts, checkins, checkinService, hub,
          mixerService, introService);

      if (config.demoData()) {
        if (DemoData.loadIfEmpty(new DemoRepository(pool), hasher).await()) {
          LOG.info("Loaded the demo data (logins are listed in the README)");
        }
      }
      if (config.adminLogin().isPresent()) {
        AdminBootstrap.ensureAdmin(config.adminLogin().get(), config.adminPassword().orElseThrow(), users, accounts, hasher)
            .await();
      }

      int port = config.httpPort() == 0 ? freePort() : config.httpPort();
      vertx.deployVerticle(() -> new HttpVerticle(services, port),
          new DeploymentOptions().setInstances(config.httpInstances())).await();
      JobRunner jobs = new JobRunner(vertx, new JobRepository(pool), config.jobTickSeconds())
          .add("event-reminders", Duration.ofMinutes(1), () -> notifications.insertDueReminders(config.reminderHours()))
          .add("purge-revoked-tokens", Duration.ofHours(1), revoked::purgeExpired)
          .add("mixer-retention", Duration.ofHours(1),
              () -> mixerRepository.purgeExpired(config.mixerMatchingDays(), config.mixerRetentionDays()));
      jobs.start().await();
      Vertx runtime = vertx;
      Optional<EmailSender> email = config.smtp().map(smtp -> new EmailSender(runtime, config, notifications, texts));
      email.ifPresent(EmailSender::start);

      String host = "0.0.0.0".equals(config.httpHost()) ? "localhost" : config.httpHost();
      LOG.info("Queqiao is ready: open http://{}:{}/ — database: {}", host, port, database);
      return new Application(vertx, embedded, database, port, jobs, email, hub);
    } catch (RuntimeException e) {
      if (vertx != null) {
        vertx.close();
      }
      embedded.ifPresent(EmbeddedDatabase::close);
      throw e;
    }
  }

  public int port() {
    return port;
  }

  public DatabaseTarget database() {
    return database;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    jobs.stop();
    email.ifPresent(EmailSender::stop);
    try {
      hub.stop().await();
    } catch (Exception e) {
      LOG.debug("Attendance listener did not close cleanly", e);
    }
    try {
      vertx.close().await();
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly", e);
    }
    embedded.ifPresent(EmbeddedDatabase::close);
    LOG.info("Queqiao stopped");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
