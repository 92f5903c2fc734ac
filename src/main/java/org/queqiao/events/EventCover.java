package org.queqiao.events;

import io.vertx.core.json.JsonObject;

/**
 * What pages and clients need to show an event's poster (the image bytes stay in the covers
 * feature's table): its alt text, the two sizes served, and the tag that changes with the image
 * — which also versions the URL, so a replaced poster is never shown from a cache.
 */
public record EventCover(String alt, int width, int height, int smallWidth, int smallHeight, String etag) {

  /** The columns {@link #from} reads, for a query over events aliased {@code e}. */
  static String column(String alias) {
    return "(SELECT json_build_object('alt', c.alt, 'width', c.width, 'height', c.height,"
        + " 'smallWidth', c.small_width, 'smallHeight', c.small_height, 'etag', c.etag)"
        + " FROM event_covers c WHERE c.event_id = " + alias + ".id) AS cover";
  }

  static EventCover from(Object stored) {
    if (!(stored instanceof JsonObject json)) {
      return null;
    }
    return new EventCover(json.getString("alt"), json.getInteger("width"), json.getInteger("height"),
        json.getInteger("smallWidth"), json.getInteger("smallHeight"), json.getString("etag"));
  }

  /** The organiser's alt text, or else the event's title. */
  public String altFor(Event event) {
    return alt == null ? event.title() : alt;
  }

  public String url(long eventId) {
    return "/api/events/" + eventId + "/cover?v=" + etag.substring(0, 12);
  }

  public String smallUrl(long eventId) {
    return url(eventId) + "&w=" + smallWidth;
  }

  public JsonObject toJson(Event event) {
    return new JsonObject()
        .put("url", url(event.id()))
        .put("smallUrl", smallUrl(event.id()))
        .put("alt", altFor(event))
        .put("altIsTitle", alt == null)
        .put("width", width)
        .put("height", height)
        .put("smallWidth", smallWidth)
        .put("smallHeight", smallHeight)
        .put("etag", etag);
  }
}
