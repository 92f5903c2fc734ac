package org.queqiao.events;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.checkin.CheckinRepository;
import org.queqiao.rsvp.Rsvp;
import org.queqiao.rsvp.RsvpRepository;
import org.queqiao.rsvp.RsvpService;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Views;

/** What members see: the event list (the home page), an event, signing up and cancelling, my events. */
public final class EventPages {
  private final EventRepository events;
  private final RsvpRepository rsvps;
  private final RsvpService rsvpService;
  private final CheckinRepository checkins;
  private final Authentication auth;
  private final Views views;
  private final Messages messages;
  private final Clock clock;

  public EventPages(EventRepository events, RsvpRepository rsvps, RsvpService rsvpService, CheckinRepository checkins,
      Authentication auth, Views views, Messages messages, Clock clock) {
    this.events = events;
    this.rsvps = rsvps;
    this.rsvpService = rsvpService;
    this.checkins = checkins;
    this.auth = auth;
    this.views = views;
    this.messages = messages;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/").handler(this::showEventList);
    router.get("/events/:id").handler(this::showEvent);
    router.post("/events/:id/rsvp").handler(auth::requireUser).handler(this::submitSignUp);
    router.post("/events/:id/rsvp/cancel").handler(auth::requireUser).handler(this::submitCancel);
    router.get("/me/events").handler(auth::requireUser).handler(this::showMyEvents);
  }

  private void showEventList(RoutingContext ctx) {
    Instant now = clock.instant();
    String lang = Lang.of(ctx);
    EventRepository.Filter filter;
    try {
      filter = EventRoutes.filterFrom(ctx, now);
    } catch (ApiError badFilter) {
      filter = new EventRepository.Filter(now, null, null, null, null, EventRoutes.PAGE_SIZE, 0);
    }
    EventRepository.Filter used = filter;
    events.listPublished(used)
        .onSuccess(page -> {
          int pageNo = used.offset() / EventRoutes.PAGE_SIZE + 1;
          long pages = Math.max(1, (page.total() + EventRoutes.PAGE_SIZE - 1) / EventRoutes.PAGE_SIZE);
          Map<String, Object> model = new HashMap<>();
          model.put("events", page.items().stream().map(e -> EventView.of(e, now, lang, messages)).toList());
          model.put("total", page.total());
          model.put("filtered", used.type() != null || used.from() != null || used.to() != null
              || (used.query() != null && !used.query().isBlank()));
          model.put("q", Optional.ofNullable(ctx.request().getParam("q")).orElse(""));
          model.put("type", Optional.ofNullable(ctx.request().getParam("type")).orElse(""));
          model.put("from", Optional.ofNullable(ctx.request().getParam("from")).orElse(""));
          model.put("to", Optional.ofNullable(ctx.request().getParam("to")).orElse(""));
          model.put("types", typeOptions(lang));
          model.put("welcome", "1".equals(ctx.request().getParam("welcome")));
          model.put("page", pageNo);
          model.put("pages", pages);
          model.put("prevPage", pageNo > 1 ? pageLink(ctx, pageNo - 1) : null);
          model.put("nextPage", pageNo < pages ? pageLink(ctx, pageNo + 1) : null);
          views.render(ctx, "events/list", model);
        })
        .onFailure(ctx::fail);
  }

  private List<Map<String, String>> typeOptions(String lang) {
    List<Map<String, String>> options = new ArrayList<>();
    for (EventType type : EventType.values()) {
      options.add(Map.of("value", type.name(), "label", messages.get(lang, "eventType." + type.name())));
    }
    return options;
  }

  private static String pageLink(RoutingContext ctx, int page) {
    StringBuilder link = new StringBuilder("/?page=").append(page);
    for (String name : List.of("q", "type", "from", "to")) {
      String value = ctx.request().getParam(name);
      if (value != null && !value.isBlank()) {
        link.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    return link.toString();
  }

  private void showEvent(RoutingContext ctx) {
    eventModel(ctx).onSuccess(model -> views.render(ctx, "events/detail", model)).onFailure(ctx::fail);
  }

  /** Everything the event page shows, including the one obvious action for this viewer. */
  private Future<Map<String, Object>> eventModel(RoutingContext ctx) {
    long id = EventRoutes.pathId(ctx);
    Optional<User> viewer = CurrentUser.of(ctx).map(CurrentUser::user);
    Instant now = clock.instant();
    String lang = Lang.of(ctx);
    return events.find(id).compose(found -> {
      Event event = found.filter(e -> e.visibleTo(viewer)).orElseThrow(ApiError::notFound);
      Future<Optional<Rsvp>> mine = viewer.isPresent()
          ? rsvps.find(events.reads(), id, viewer.get().id())
          : Future.succeededFuture(Optional.empty());
      return mine.map(rsvp -> {
        Map<String, Object> model = new HashMap<>();
        Map<String, Object> view = EventView.of(event, now, lang, messages);
        model.put("event", view);
        model.put("title", event.title());
        EventState state = event.state(now);
        Optional<Rsvp> active = rsvp.filter(Rsvp::active);
        active.ifPresent(r -> {
          model.put("myStatus", r.status());
          model.put("myConfirmed", Rsvp.CONFIRMED.equals(r.status()));
          model.put("myPosition", r.waitlistPosition());
          model.put("myPool", event.pool(r.poolKey()).map(p -> EventView.poolLabel(event, p, lang, messages)).orElse(""));
          model.put("canCancel", now.isBefore(event.startsAt()));
        });
        boolean signedIn = viewer.isPresent();
        model.put("signedIn", signedIn);
        model.put("canSignUp", active.isEmpty() && state.acceptsSignUps());
        model.put("full", state == EventState.FULL);
        model.put("choosePool", event.type() != EventType.MIXER && event.pools().size() > 1);
        model.put("closedReason", active.isEmpty() && !state.acceptsSignUps()
            ? messages.get(lang, "event.closed." + state.name(), view.get("opensAt")) : null);
        model.put("manage", viewer.map(event::managedBy).orElse(false));
        model.put("loginNext", "/login?next=" + URLEncoder.encode("/events/" + id, StandardCharsets.UTF_8));
        return model;
      });
    });
  }

  private void submitSignUp(RoutingContext ctx) {
    long id = EventRoutes.pathId(ctx);
    String pool = ctx.request().getFormAttribute("pool");
    boolean single = "on".equals(ctx.request().getFormAttribute("declaresSingle"))
        || "true".equals(ctx.request().getFormAttribute("declaresSingle"));
    rsvpService.signUp(CurrentUser.require(ctx).user(), id, pool, single)
        .onSuccess(outcome -> Forms.seeOther(ctx, "/events/" + id + "?signed=" + outcome.rsvp().status()))
        .onFailure(failure -> refuse(ctx, failure));
  }

  private void submitCancel(RoutingContext ctx) {
    long id = EventRoutes.pathId(ctx);
    rsvpService.cancel(CurrentUser.require(ctx).user(), id)
        .onSuccess(cancelled -> Forms.seeOther(ctx, "/events/" + id + "?cancelled=1"))
        .onFailure(failure -> refuse(ctx, failure));
  }

  private void refuse(RoutingContext ctx, Throwable failure) {
    if (!(failure instanceof ApiError error) || error.status() == 404) {
      ctx.fail(failure);
      return;
    }
    eventModel(ctx)
        .onSuccess(model -> {
          if ("PROFILE_INCOMPLETE".equals(error.code())) {
            model.put("profileLink", "/me/profile?next=" + URLEncoder.encode("/events/" + EventRoutes.pathId(ctx),
                StandardCharsets.UTF_8));
          }
          views.renderRefusal(ctx, "events/detail", model, failure);
        })
        .onFailure(ctx::fail);
  }

  private void showMyEvents(RoutingContext ctx) {
    Instant now = clock.instant();
    String lang = Lang.of(ctx);
    long userId = CurrentUser.require(ctx).user().id();
    rsvps.listForUser(userId)
        .compose(list -> checkins.attendedBy(userId).map(attended -> {
          java.util.Set<Long> attendedIds = new java.util.HashSet<>();
          attended.forEach(a -> attendedIds.add(a.event().id()));
          return Map.entry(list, attendedIds);
        }))
        .onSuccess(found -> {
          var list = found.getKey();
          List<Map<String, Object>> upcoming = new ArrayList<>();
          List<Map<String, Object>> past = new ArrayList<>();
          List<Map<String, Object>> cancelled = new ArrayList<>();
          for (RsvpRepository.MyRsvp mine : list) {
            Map<String, Object> row = EventView.of(mine.event(), now, lang, messages);
            row.put("myStatus", mine.rsvp().status());
            row.put("myConfirmed", Rsvp.CONFIRMED.equals(mine.rsvp().status()));
            row.put("myPosition", mine.rsvp().waitlistPosition());
            row.put("myStatusLabel", messages.get(lang, "rsvpStatus." + mine.rsvp().status()));
            row.put("attended", found.getValue().contains(mine.event().id()));
            if (!mine.rsvp().active()) {
              cancelled.add(row);
            } else if (now.isBefore(mine.event().endsAt())) {
              upcoming.add(0, row);
            } else {
              past.add(row);
            }
          }
          views.render(ctx, "events/mine", Map.of(
              "title", messages.get(lang, "mine.title"),
              "upcoming", upcoming, "past", past, "cancelledRsvps", cancelled,
              "nothing", list.isEmpty()));
        })
        .onFailure(ctx::fail);
  }
}
