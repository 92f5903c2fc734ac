package org.queqiao.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Bodies larger than the app-wide limit, for the few routes that take files. Mounted on their
 * route before the app-wide {@link BodyHandler}, which then leaves the request alone (a body is
 * read once). Over the limit the body handler fails the request with 413.
 */
public final class Uploads {
  private static final String MEDIA_TYPES = "uploadMediaTypes";

  private Uploads() {}

  /**
   * A raw body of at most {@code limit} bytes sent as one of {@code mediaTypes}: for such a body
   * {@link InputRules} waives its JSON-only rule; anything else still has to be JSON.
   */
  public static Handler<RoutingContext> raw(long limit, Set<String> mediaTypes) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(limit);
    return ctx -> {
      ctx.put(MEDIA_TYPES, mediaTypes);
      body.handle(ctx);
    };
  }

  /** A page's multipart form with files of {@code limit} bytes at most in all, deleted when answered. */
  public static Handler<RoutingContext> multipart(long limit, Path directory) {
    BodyHandler body = BodyHandler.create(directory.toString()).setBodyLimit(limit).setDeleteUploadedFilesOnEnd(true);
    // Wrapped, so the route may check its asker first: the router holds the request paused until
    // a body handler reads it, and Vert.x's order check (body handlers before user handlers)
    // only sees handlers that are a BodyHandler themselves.
    return body::handle;
  }

  /**
   * First on an upload's route: keeps the body unread while the asker is identified and checked
   * (asynchronous work, during which an unpaused request would lose its body); the body handler
   * resumes it. So only those allowed to upload make the server take a large body.
   */
  public static void holdBody(RoutingContext ctx) {
    ctx.request().pause();
    ctx.next();
  }

  /**
   * The failure handler of an upload's route: an upload refused before or while its body was read
   * (no asker, not allowed, too large) lets the rest of the body flow, unbuffered and dropped, so
   * the client reads the answer instead of waiting on a request nobody reads.
   */
  public static void releaseBody(RoutingContext ctx) {
    dropRestOfBody(ctx);
    ctx.next();
  }

  public static void dropRestOfBody(RoutingContext ctx) {
    if (!ctx.request().isEnded()) {
      ctx.request().handler(null);
      ctx.request().resume();
    }
  }

  /** The media type of the request (no parameters, lower case), or "" when it names none. */
  public static String mediaType(RoutingContext ctx) {
    String header = ctx.request().getHeader("Content-Type");
    return header == null ? "" : header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  static boolean acceptsRaw(RoutingContext ctx) {
    Set<String> accepted = ctx.get(MEDIA_TYPES);
    return accepted != null && accepted.contains(mediaType(ctx));
  }
}
