package org.queqiao;

import org.queqiao.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment(System.getenv());
    } catch (AppConfig.ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      Application app = Application.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(app::close, "queqiao-shutdown"));
    } catch (RuntimeException e) {
      LOG.error("Queqiao could not start", e);
      System.exit(1);
    }
  }
}
