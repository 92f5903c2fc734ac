package org.queqiao;

import io.vertx.sqlclient.Pool;
import java.time.Clock;
import org.queqiao.events.EventRepository;
import org.queqiao.events.EventService;
import org.queqiao.rsvp.RsvpRepository;
import org.queqiao.rsvp.RsvpService;
import org.queqiao.auth.AccountService;
import org.queqiao.checkin.AttendanceHub;
import org.queqiao.checkin.CheckinRepository;
import org.queqiao.checkin.CheckinService;
import org.queqiao.auth.Authentication;
import org.queqiao.config.AppConfig;
import org.queqiao.health.HealthRepository;
import org.queqiao.mixer.IntroService;
import org.queqiao.mixer.MixerService;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.notify.NotificationTexts;
import org.queqiao.unions.UnionRepository;
import org.queqiao.users.UserRepository;
import org.queqiao.web.Assets;
import org.queqiao.web.Messages;

/** The process-wide, thread-safe parts every HTTP verticle instance shares. */
public record Services(
    AppConfig config,
    Pool pool,
    Messages messages,
    Assets assets,
    UserRepository users,
    UnionRepository unions,
    HealthRepository health,
    AccountService accounts,
    Authentication authentication,
    Clock clock,
    EventRepository events,
    EventService eventService,
    RsvpRepository rsvps,
    RsvpService rsvpService,
    NotificationRepository notifications,
    NotificationTexts notificationTexts,
    CheckinRepository checkins,
    CheckinService checkinService,
    AttendanceHub attendanceHub,
    MixerService mixer,
    IntroService intros) {}
