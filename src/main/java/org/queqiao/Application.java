package org.queqiao;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.queqiao.accounts.AccountService;
import org.queqiao.accounts.AdminBootstrap;
import org.queqiao.accounts.LoginThrottle;
import org.queqiao.accounts.PasswordHasher;
import org.queqiao.accounts.PasswordStrength;
import org.queqiao.auth.AttemptThrottle;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.JwtSecret;
import org.queqiao.auth.RevokedTokenRepository;
import org.queqiao.auth.TokenService;
import org.queqiao.checkin.CheckinRepository;
import org.queqiao.checkin.CheckinService;
import org.queqiao.checkin.TicketCodes;
import org.queqiao.config.AppConfig;
import org.queqiao.db.DatabaseProbe;
import org.queqiao.db.DatabaseTarget;
import org.queqiao.db.EmbeddedDatabase;
import org.queqiao.db.EventChannels;
import org.queqiao.db.Migrations;
import org.queqiao.db.ReadClient;
import org.queqiao.demo.DemoData;
import org.queqiao.demo.DemoRepository;
import org.queqiao.events.EventAccess;
import org.queqiao.events.EventRepository;
import org.queqiao.events.EventService;
import org.queqiao.events.StaffRepository;
import org.queqiao.health.HealthRepository;
import org.queqiao.health.HealthService;
import org.queqiao.jobs.JobRepository;
import org.queqiao.jobs.JobRunner;
import org.queqiao.covers.CoverRepository;
import org.queqiao.covers.CoverService;
import org.queqiao.lottery.LotteryRepository;
import org.queqiao.lottery.LotteryService;
import org.queqiao.messages.MessageRepository;
import org.queqiao.messages.MessageService;
import org.queqiao.metrics.AppMetrics;
import org.queqiao.metrics.MetricsService;
import org.queqiao.mixer.ConsentRepository;
import org.queqiao.mixer.ConsentTexts;
import org.queqiao.mixer.ContactCardRepository;
import org.queqiao.mixer.ContactCipher;
import org.queqiao.mixer.ContactKeys;
import org.queqiao.mixer.IntroRequestRepository;
import org.queqiao.mixer.BlockRepository;
import org.queqiao.mixer.BlockService;
import org.queqiao.mixer.FollowUpRepository;
import org.queqiao.mixer.FollowUpService;
import org.queqiao.mixer.IntroService;
import org.queqiao.mixer.RoundRepository;
import org.queqiao.mixer.RoundService;
import org.queqiao.mixer.MixerRepository;
import org.queqiao.mixer.MixerService;
import org.queqiao.notify.EmailSender;
import org.queqiao.notify.SmsOutboxRepository;
import org.queqiao.notify.SmsSender;
import org.queqiao.privacy.PrivacyRepository;
import org.queqiao.privacy.PrivacyService;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.notify.NotificationService;
import org.queqiao.notify.NotificationTexts;
import org.queqiao.reports.DashboardRepository;
import org.queqiao.reports.ReportRepository;
import org.queqiao.reports.ReportService;
import org.queqiao.reports.SurveyService;
import org.queqiao.reports.SurveyRepository;
import org.queqiao.rosters.RosterAccess;
import org.queqiao.rosters.RosterRepository;
import org.queqiao.rosters.RosterRunner;
import org.queqiao.rosters.RosterService;
import org.queqiao.rsvp.NoShowRepository;
import org.queqiao.rsvp.NoShowService;
import org.queqiao.rsvp.OfferRepository;
import org.queqiao.rsvp.OfferService;
import org.queqiao.rsvp.ReconfirmService;
import org.queqiao.rsvp.RsvpRepository;
import org.queqiao.series.SeriesFollowers;
import org.queqiao.series.SeriesRepository;
import org.queqiao.series.SeriesService;
import org.queqiao.rsvp.RsvpService;
import org.queqiao.sports.Certificates;
import org.queqiao.sports.SportsDemo;
import org.queqiao.sports.SportsRepository;
import org.queqiao.sports.SportsService;
import org.queqiao.unions.UnionRepository;
import org.queqiao.unions.UnionService;
import org.queqiao.users.UserRepository;
import org.queqiao.web.Assets;
import org.queqiao.web.Csrf;
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
  /** Deployment ids, in the order they were deployed; undeployed in reverse. */
  private final List<String> deployments;
  private volatile boolean closed;

  private Application(Vertx vertx, Optional<EmbeddedDatabase> embedded, DatabaseTarget database, int port,
      List<String> deployments) {
    this.vertx = vertx;
    this.embedded = embedded;
    this.database = database;
    this.port = port;
    this.deployments = deployments;
  }

  /** Blocks until the server listens; call from a main or test thread, never an event loop. */
  public static Application start(AppConfig config) {
    Optional<EmbeddedDatabase> embedded = config.databaseUrl().isEmpty()
        ? Optional.of(EmbeddedDatabase.start(config.dataDir()))
        : Optional.empty();
    DatabaseTarget database = embedded.map(EmbeddedDatabase::target)
        .orElseGet(() -> DatabaseTarget.fromUrl(config.databaseUrl().orElseThrow()));
    Vertx vertx = null;
    try {
      Migrations.migrate(database);
      AppMetrics metrics = new AppMetrics();
      vertx = metrics.newVertx();
      Pool pool = ReadClient.pool(vertx, database.connectOptions(), config.dbPoolSize());
      SqlClient reads = ReadClient.primary(vertx, database.connectOptions(), config.dbPoolSize());
      // Only reads that may lag go here (docs/deploy.md, "Read replicas"); see ReadClient.
      SqlClient lagging = ReadClient.lagging(vertx,
          config.databaseReadUrl().map(url -> DatabaseTarget.fromUrl("DATABASE_READ_URL", url)), reads,
          config.dbPoolSize());
      Clock clock = Clock.systemUTC();
      Messages messages = Messages.load();
      byte[] secret = JwtSecret.load(config);

      UserRepository users = new UserRepository();
      RevokedTokenRepository revoked = new RevokedTokenRepository();
      PasswordHasher hasher = new PasswordHasher(vertx);
      TokenService tokens = new TokenService(secret, Duration.ofHours(config.sessionHours()));
      AccountService accounts = new AccountService(pool, revoked, users, hasher, new LoginThrottle(pool, config), tokens,
          new PasswordStrength(vertx), new AttemptThrottle(pool, "register", config.registrationsPerAddressPerHour(), 60));
      Authentication authentication = new Authentication(tokens, users, reads, config.secureCookies());

      NotificationRepository notificationRepository = new NotificationRepository(config.smtp().isPresent());
      NotificationService notifications = new NotificationService(pool, notificationRepository);
      NotificationTexts texts = new NotificationTexts(messages);
      EventRepository eventRepository = new EventRepository();
      RsvpRepository rsvpRepository = new RsvpRepository();
      RosterRepository rosterRepository = new RosterRepository();
      RsvpService rsvps = new RsvpService(pool, reads, eventRepository, rsvpRepository, notificationRepository, clock,
          rosterRepository::verifiedWithin,
          new RsvpService.Batching(vertx, config.signupBatchMs(), config.signupBatchMax()), metrics.registry());
      RosterService rosters = new RosterService(vertx, pool, reads, rosterRepository,
          new RosterRunner(vertx, pool, rosterRepository));
      SeriesRepository seriesRepository = new SeriesRepository();
      EventService events = new EventService(pool, lagging, eventRepository, new StaffRepository(), users,
          notificationRepository, rsvps::fillFreeSeats, new SeriesFollowers(seriesRepository, notificationRepository),
          config.mixerMatchingMaxDays(), clock);
      EventAccess eventAccess = new EventAccess(eventRepository, reads, lagging, authentication);
      CheckinService checkins = new CheckinService(pool, new CheckinRepository(), rsvpRepository, rsvps, users,
          new TicketCodes(secret), config.publicBaseUrl(), clock,
          new AttemptThrottle(pool, "venue", config.checkinCodeMaxFailures(), config.checkinCodeWindowMinutes()),
          new AttemptThrottle(pool, "ticket-code", config.checkinCodeMaxFailures(), config.checkinCodeWindowMinutes()),
          metrics.registry(), lagging);
      LotteryService lottery = new LotteryService(pool, reads, eventRepository, new LotteryRepository(),
          notificationRepository, clock);
      MixerRepository mixerRepository = new MixerRepository();
      IntroRequestRepository introRepository = new IntroRequestRepository();
      ContactCardRepository cardRepository = new ContactCardRepository();
      // A key is made only while no card exists: with cards, a missing or wrong key refuses to start.
      boolean noCards = cardRepository.keyIds(pool).await().isEmpty();
      ContactCipher cipher = ContactCipher.load(config, noCards);
      ContactKeys contactKeys = new ContactKeys(pool, cardRepository, cipher);
      contactKeys.verifyKeys().await();
      ConsentRepository consentRepository = new ConsentRepository();
      MixerService mixer = new MixerService(pool, mixerRepository, cardRepository, introRepository, consentRepository,
          eventRepository, notificationRepository, cipher, new ConsentTexts(messages),
          new MixerService.Periods(config.mixerMatchingDays(), config.mixerMatchingMaxDays(),
              config.mixerRetentionDays(), config.disclosureRetentionDays()), clock);
      IntroService intros = new IntroService(pool, introRepository, mixerRepository, consentRepository, mixer,
          eventRepository, notificationRepository, clock);
      OfferRepository offerRepository = new OfferRepository();
      OfferService offers = new OfferService(pool, eventRepository, rsvpRepository, offerRepository,
          notificationRepository);
      ReconfirmService reconfirmations = new ReconfirmService(pool, eventRepository, rsvpRepository, offerRepository,
          notificationRepository);
      NoShowService noShows = new NoShowService(pool, rsvpRepository, new NoShowRepository());
      SurveyRepository surveyRepository = new SurveyRepository();
      FollowUpService followUps = new FollowUpService(pool, new FollowUpRepository(), eventRepository,
          notificationRepository);
      PrivacyService privacy = new PrivacyService(pool, new PrivacyRepository(), accounts, rsvps, mixer);
      Services services = new Services(config, clock, messages, new Assets(), authentication,
          eventAccess, new HealthService(pool, new HealthRepository()),
          accounts, new UnionService(pool, new UnionRepository()), events, rsvps, notifications, texts, checkins,
          mixer, intros, privacy, new Csrf(secret, config.secureCookies()),
          new MessageService(pool, new MessageRepository(), notificationRepository),
          new CoverService(pool, new CoverRepository(), eventRepository,
              vertx.createSharedWorkerExecutor("cover-images", CoverService.DECODERS)),
          new SeriesService(pool, seriesRepository, eventRepository, events, eventAccess, clock),
          lottery, offers, reconfirmations, noShows,
          new SportsService(pool, reads, lagging, new SportsRepository(), clock), new Certificates(config.certificateFont()),
          new SurveyService(pool, surveyRepository, clock),
          new ReportService(lagging, new ReportRepository(), surveyRepository, new DashboardRepository(), clock),
          new BlockService(pool, new BlockRepository(), mixerRepository, consentRepository, mixer), followUps,
          new RoundService(pool, new RoundRepository(), mixer),
          rosters, new RosterAccess(rosterRepository, reads),
          new MetricsService(metrics, notifications, config.metricsToken()));

      if (config.demoData()) {
        if (DemoData.loadIfEmpty(pool, new DemoRepository(), hasher).await()) {
          SportsDemo.seed(pool, new SportsRepository()).await();
          LOG.info("Loaded the demo data (logins are listed in the README)");
        }
      }
      if (config.adminLogin().isPresent()) {
        AdminBootstrap.ensureAdmin(config.adminLogin().get(), config.adminPassword().orElseThrow(), accounts).await();
      }

      int port = config.httpPort() == 0 ? freePort() : config.httpPort();
      List<String> deployments = new ArrayList<>();
      deployments.add(vertx.deployVerticle(new EventChannels(database.connectOptions(),
          List.of(CheckinRepository.CHANNEL, SportsRepository.CHANNEL, RosterRepository.CHANNEL))).await());
      DatabaseProbe probe = new DatabaseProbe(database.connectOptions());
      deployments.add(vertx.deployVerticle(probe).await());
      deployments.add(vertx.deployVerticle(() -> new HttpVerticle(services, port, probe::answering),
          new DeploymentOptions().setInstances(config.httpInstances())).await());
      JobRunner jobs = new JobRunner(pool, new JobRepository(), config.jobTickSeconds())
          .add("event-reminders", Duration.ofMinutes(1), () -> notifications.insertDueReminders(config.reminderHours()))
          .add("purge-revoked-tokens", Duration.ofHours(1), () -> revoked.purgeExpired(pool))
          .add("purge-attempt-counters", Duration.ofHours(1), () -> AttemptThrottle.purgeExpired(pool))
          .add("mixer-retention", Duration.ofHours(1), mixer::purgeExpired)
          .add("contact-key-rotation", Duration.ofMinutes(10), contactKeys::resealWithCurrentKey)
          .add("lottery-draws", Duration.ofMinutes(1), lottery::drawDue)

.add("seat-offer-expiry", Duration.ofMinutes(1), offers::expireDue)
          .add("reconfirm-requests", Duration.ofMinutes(1), reconfirmations::requestDue)
          .add("reconfirm-releases", Duration.ofMinutes(1), reconfirmations::releaseDue)
          .add("no-show-records", Duration.ofMinutes(1), noShows::markDue)
          .add("survey-requests", Duration.ofMinutes(1), notifications::insertDueSurveys)
          .add("mixer-follow-ups", Duration.ofMinutes(1), followUps::askDue)

          // Picks up imports nobody is reading (an upload's own instance starts it at once) and
          // those whose runner stopped; the claim makes one runner per import across instances.
          .add("roster-imports", Duration.ofSeconds(10), rosters::runPending)
          .add("roster-retention", Duration.ofHours(1), rosters::purgeExpired);
      deployments.add(vertx.deployVerticle(jobs).await());
      if (config.smtp().isPresent()) {
        deployments.add(vertx.deployVerticle(new EmailSender(config, notifications, texts, metrics.registry())).await());
      }
      if (config.sms().isPresent()) {
        deployments.add(vertx.deployVerticle(
            new SmsSender(config, pool, new SmsOutboxRepository(), texts, java.time.Clock.systemUTC())).await());
      }

      String host = "0.0.0.0".equals(config.httpHost()) ? "localhost" : config.httpHost();
      LOG.info("Queqiao is ready: open http://{}:{}/ — database: {}", host, port, database);
      return new Application(vertx, embedded, database, port, deployments);
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

  /** Undeploys the verticles, newest first (the sender and the jobs before the HTTP servers), then stops. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = deployments.size() - 1; i >= 0; i--) {
      try {
        vertx.undeploy(deployments.get(i)).await();
      } catch (Exception e) {
        LOG.debug("A verticle did not stop cleanly", e);
      }
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
