package org.queqiao.events;

import io.vertx.core.Future;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Open Graph tags for an event page, so a link pasted into WeChat or another chat shows a card:
 * the title; when, where and the host union in the description; the cover (or the generated share
 * card) as the image. Only what the page itself shows the same reader. The host union is also
 * shown on the page ("主办").
 */
public final class ShareTags {
  private final EventService events;
  private final URI publicBase;

  public ShareTags(EventService events, URI publicBase) {
    this.events = events;
    this.publicBase = publicBase;
  }

  /** {@code view}: the page's event view (its "when" is the date as the page shows it). */
  public Future<Map<String, Object>> of(Event event, Map<String, Object> view) {
    return events.hostUnionName(event).map(union -> of(event, view, publicBase, union));
  }

  static Map<String, Object> of(Event event, Map<String, Object> view, URI publicBase, Optional<String> union) {
    String base = publicBase.toString();
    String image = event.cover() != null ? event.cover().url(event.id()) : "/events/" + event.id() + "/card.png";
    StringBuilder description = new StringBuilder(String.valueOf(view.getOrDefault("when", "")));
    if (event.venue() != null && !event.venue().isBlank()) {
      description.append(" · ").append(event.venue());
    }
    union.ifPresent(u -> description.append(" · ").append(u));
    Map<String, Object> tags = new HashMap<>();
    tags.put("title", event.title());
    tags.put("description", description.toString());
    tags.put("image", base + image);
    tags.put("url", base + "/events/" + event.id());
    tags.put("poster", "/events/" + event.id() + "/poster.png");
    union.ifPresent(u -> tags.put("union", u));
    return tags;
  }
}
