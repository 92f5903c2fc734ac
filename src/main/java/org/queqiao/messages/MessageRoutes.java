package org.queqiao.messages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.events.ManagerSection;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Json;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Times;

/**
 * Messages to an event's members: the API, the form on the organiser's event page and the log of
 * what was sent there (a {@link ManagerSection}). Every route is for the event's managers.
 */
public final class MessageRoutes implements ManagerSection {
  private final MessageService service;
  private final EventAccess access;
  private final Messages messages;

  public MessageRoutes(MessageService service, EventAccess access, Messages messages) {
    this.service = service;
    this.access = access;
    this.messages = messages;
  }

  public void mount(Router router) {
    router.post("/api/events/:id/messages").handler(access::requireManager).handler(this::send);
    router.get("/api/events/:id/messages").handler(access::requireManager).handler(this::list);
    router.post("/organizer/events/:id/messages").handler(access::requireManager).handler(this::submit);
  }

  private void send(RoutingContext ctx) {
    MessageService.Draft draft = MessageService.parse(Json.body(ctx));
    service.send(CurrentUser.require(ctx).user(), EventAccess.event(ctx), draft)
        .onSuccess(n -> Json.send(ctx, 201, new JsonObject().put("recipients", n)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.sentFor(EventAccess.event(ctx))
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject()
            .put("items", new JsonArray(list.stream().map(MessageRepository.Sent::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  /** The page's form: back to the event page, saying how many got it or what was wrong. */
  private void submit(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String back = "/organizer/events/" + event.id();
    JsonObject body = Forms.toJson(ctx, "subject", "body", "to");
    Future<Integer> sent;
    try {
      sent = service.send(CurrentUser.require(ctx).user(), event, MessageService.parse(body));
    } catch (ApiError refused) {
      sent = Future.failedFuture(refused);
    }
    sent.onSuccess(n -> Forms.seeOther(ctx, back + "?messageSent=" + n + "#messages"))
        .onFailure(failure -> {
          if (failure instanceof ApiError error && (error.status() == 400 || error.status() == 429)) {
            String problem = error.status() == 429 ? "TOO_MANY" : String.join(",", error.fields().keySet());
            Forms.seeOther(ctx, back + "?messageError=" + URLEncoder.encode(problem, StandardCharsets.UTF_8)
                + "#messages");
          } else {
            ctx.fail(failure);
          }
        });
  }

  @Override
  public Future<Map<String, Object>> model(RoutingContext ctx, Event event) {
    String lang = Lang.of(ctx);
    return service.sentFor(event).map(list -> {
      Map<String, Object> model = new HashMap<>();
      model.put("sentMessages", list.stream().map(m -> {
        Map<String, Object> row = new HashMap<>();
        row.put("subject", m.subject());
        row.put("body", m.body());
        row.put("to", messages.get(lang, "messages.to." + m.audience()));
        row.put("recipients", m.recipients());
        row.put("sender", m.senderName());
        row.put("sentAt", Times.display(Instant.parse(m.sentAt()), event.zone(), lang));
        return row;
      }).toList());
      model.put("messageAudiences", List.of("CONFIRMED", "WAITLISTED", "ALL").stream()
          .map(a -> Map.of("value", a, "label", messages.get(lang, "messages.to." + a))).toList());
      String sentCount = ctx.request().getParam("messageSent");
      if (sentCount != null && sentCount.matches("\\d{1,7}")) {
        model.put("messageSentNotice", messages.get(lang, "messages.sent", sentCount));
      }
      String problem = ctx.request().getParam("messageError");
      if (problem != null) {
        model.put("messageErrorNotice", messages.get(lang,
            "TOO_MANY".equals(problem) ? "error.tooManyMessages" : "messages.invalid", MessageService.PER_HOUR));
      }
      return model;
    });
  }
}
