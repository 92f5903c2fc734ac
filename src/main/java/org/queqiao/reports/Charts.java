package org.queqiao.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Server-drawn SVG charts as geometry for the template (templates/reports/chart.hbs): every value
 * is a number computed here or a text the template escapes, so no markup is ever built from data.
 * The drawing is 640×300 units scaled to the page's width (a phone shows it whole); series take
 * the Okabe–Ito colours (css classes s0…s5), which colour-blind readers can tell apart; each chart
 * carries a title and a description, and the page puts the same figures in a table beside it.
 */
final class Charts {
  static final int WIDTH = 640;
  static final int HEIGHT = 300;
  private static final int LEFT = 56;
  private static final int RIGHT = 12;
  private static final int TOP = 16;
  private static final int BOTTOM = 48;
  private static final int MAX_X_LABELS = 8;

  private Charts() {}

  /** A named row of values, one per category. */
  record Series(String name, List<Double> values) {}

  /** Grouped bars: for each category, one bar per series. */
  static Map<String, Object> bars(String id, String title, String description, List<String> categories,
      List<Series> series) {
    double max = niceMax(series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).max().orElse(0));
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double slot = categories.isEmpty() ? plotWidth : plotWidth / categories.size();
    double barWidth = Math.max(1, slot * 0.8 / Math.max(1, series.size()));
    List<Map<String, Object>> bars = new ArrayList<>();
    for (int c = 0; c < categories.size(); c++) {
      for (int s = 0; s < series.size(); s++) {
        double value = series.get(s).values().get(c);
        double height = max == 0 ? 0 : value / max * plotHeight;
        bars.add(Map.of(
            "x", fmt(LEFT + c * slot + slot * 0.1 + s * barWidth),
            "y", fmt(TOP + plotHeight - height),
            "width", fmt(barWidth),
            "height", fmt(height),
            "series", "s" + (s % 6),
            "label", categories.get(c) + " · " + series.get(s).name() + ": " + number(value)));
      }
    }
    Map<String, Object> chart = frame(id, title, description, max, categories, slot, series);
    chart.put("bars", bars);
    return chart;
  }

  /** A rising line of running totals over ordered categories (days, time slots). */
  static Map<String, Object> line(String id, String title, String description, List<String> categories,
      Series totals) {
    double max = niceMax(totals.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    int n = categories.size();
    double slot = n == 0 ? plotWidth : plotWidth / n;
    StringBuilder points = new StringBuilder();
    List<Map<String, Object>> dots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double value = totals.values().get(i);
      String x = fmt(LEFT + slot * i + slot / 2);
      String y = fmt(TOP + plotHeight - (max == 0 ? 0 : value / max * plotHeight));
      points.append(i == 0 ? "" : " ").append(x).append(',').append(y);
      dots.add(Map.of("x", x, "y", y, "label", categories.get(i) + ": " + number(value)));
    }
    Map<String, Object> chart = frame(id, title, description, max, categories, slot, List.of(totals));
    chart.put("points", points.toString());
    chart.put("dots", dots);
    return chart;
  }

  private static Map<String, Object> frame(String id, String title, String description, double max,
      List<String> categories, double slot, List<Series> series) {
    double plotHeight = HEIGHT - TOP - BOTTOM;
    List<Map<String, Object>> yTicks = new ArrayList<>();
    for (int i = 0; i <= 4; i++) {
      double value = max * i / 4;
      yTicks.add(Map.of("y", fmt(TOP + plotHeight - plotHeight * i / 4), "textY", fmt(TOP + plotHeight - plotHeight * i / 4 + 4),
          "label", number(value)));
    }
    List<Map<String, Object>> xTicks = new ArrayList<>();
    int every = Math.max(1, (int) Math.ceil(categories.size() / (double) MAX_X_LABELS));
    for (int i = 0; i < categories.size(); i += every) {
      xTicks.add(Map.of("x", fmt(LEFT + slot * i + slot / 2), "label", categories.get(i)));
    }
    List<Map<String, Object>> legend = new ArrayList<>();
    for (int s = 0; s < series.size(); s++) {
      legend.add(Map.of("series", "s" + (s % 6), "name", series.get(s).name()));
    }
    Map<String, Object> chart = new HashMap<>();
    chart.put("id", id);
    chart.put("title", title);
    chart.put("description", description);
    chart.put("width", WIDTH);
    chart.put("height", HEIGHT);
    chart.put("left", LEFT);
    chart.put("right", WIDTH - RIGHT);
    chart.put("top", TOP);
    chart.put("baseline", fmt(TOP + plotHeight));
    chart.put("labelY", fmt(HEIGHT - BOTTOM + 20));
    chart.put("yTicks", yTicks);
    chart.put("xTicks", xTicks);
    chart.put("legend", legend);
    chart.put("empty", categories.isEmpty());
    return chart;
  }

  /** A round top for the axis (1, 2, 2.5 or 5 times a power of ten), so its ticks are easy to read. */
  static double niceMax(double max) {
    if (max <= 0) {
      return 0;
    }
    double power = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (max <= step * power) {
        return step * power;
      }
    }
    return 10 * power;
  }

  static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }
}
