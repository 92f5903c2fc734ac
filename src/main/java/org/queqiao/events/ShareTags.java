package org.queqiao.events;

import java.net.URI;
import java.util.Map;

/**
 * Open Graph tags for an event page, so a link pasted into WeChat or another chat shows a card:
 * the title, when and where in the description, the cover (or the generated share card) as the
 * image. Only what the page itself shows the same reader.
 */
public final class ShareTags {
  private ShareTags() {}

  public static Map<String, Object> of(Event event, Map<String, Object> view, URI publicBase) {
    String base = publicBase.toString();
    String image = event.cover() != null ? event.cover().url(event.id()) : "/events/" + event.id() + "/card.png";
    String description = String.valueOf(view.getOrDefault("when", ""))
        + (event.venue() == null || event.venue().isBlank() ? "" : " · " + event.venue());
    return Map.of(
        "title", event.title(),
        "description", description,
        "image", base + image,
        "url", base + "/events/" + event.id());
  }
}
