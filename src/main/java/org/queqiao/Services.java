package org.queqiao;

import java.time.Clock;
import org.queqiao.accounts.AccountService;
import org.queqiao.auth.Authentication;
import org.queqiao.messages.MessageService;
import org.queqiao.checkin.CheckinService;
import org.queqiao.config.AppConfig;
import org.queqiao.covers.CoverService;
import org.queqiao.events.EventAccess;
import org.queqiao.events.EventService;
import org.queqiao.health.HealthService;
import org.queqiao.lottery.LotteryService;
import org.queqiao.mixer.BlockService;
import org.queqiao.mixer.FollowUpService;
import org.queqiao.metrics.MetricsService;
import org.queqiao.mixer.IntroService;
import org.queqiao.mixer.RoundService;
import org.queqiao.mixer.MixerService;
import org.queqiao.notify.NotificationService;
import org.queqiao.notify.NotificationTexts;
import org.queqiao.privacy.PrivacyService;
import org.queqiao.reports.ReportService;
import org.queqiao.reports.SurveyService;
import org.queqiao.rosters.RosterAccess;
import org.queqiao.rosters.RosterService;
import org.queqiao.rsvp.NoShowService;
import org.queqiao.rsvp.OfferService;
import org.queqiao.rsvp.ReconfirmService;
import org.queqiao.rsvp.RsvpService;
import org.queqiao.series.SeriesService;
import org.queqiao.sports.Certificates;
import org.queqiao.sports.SportsService;
import org.queqiao.unions.UnionService;
import org.queqiao.web.Assets;
import org.queqiao.web.Csrf;
import org.queqiao.web.Messages;

/**
 * The process-wide, thread-safe parts every HTTP verticle instance shares: one service per feature
 * (each owns its transactions), the access checks, and the texts.
 */
public record Services(
    AppConfig config,
    Clock clock,
    Messages messages,
    Assets assets,
    Authentication authentication,
    EventAccess eventAccess,
    HealthService health,
    AccountService accounts,
    UnionService unions,
    EventService events,
    RsvpService rsvps,
    NotificationService notifications,
    NotificationTexts notificationTexts,
    CheckinService checkins,
    MixerService mixer,
    IntroService intros,
    PrivacyService privacy,
    Csrf csrf,
    MessageService organizerMessages,
    CoverService covers,
    SeriesService series,
    LotteryService lottery,
    OfferService offers,
    ReconfirmService reconfirmations,
    NoShowService noShows,
    SportsService sports,
    Certificates certificates,
    SurveyService surveys,
    ReportService reports,
    BlockService blocks,
    FollowUpService followUps,
    RoundService rounds,
    RosterService rosters,
    RosterAccess rosterAccess,
    MetricsService metrics) {}
