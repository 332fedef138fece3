package dev.switchboard.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws latency against offered rate as a PNG: one colour per server, p99 solid and p50 dashed,
 * latency on a logarithmic axis. Input: a TSV of {@code server rate p50_ms p99_ms} lines.
 */
final class LatencyChart {

  private static final Color[] COLOURS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2)
  };

  private record Point(double rate, double p50, double p99) {}

  static void run(Main.Args args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Map<String, List<Point>> series = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args.required("in")))) {
      String[] f = line.split("\t");
      if (f.length < 4 || line.startsWith("#")) {
        continue;
      }
      series
          .computeIfAbsent(f[0], k -> new ArrayList<>())
          .add(new Point(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
              Double.parseDouble(f[3])));
    }
    int width = 1000;
    int height = 620;
    int left = 80;
    int right = 230;
    int top = 50;
    int bottom = 70;
    double maxRate = 0;
    double minMs = Double.MAX_VALUE;
    double maxMs = 0;
    for (List<Point> points : series.values()) {
      for (Point p : points) {
        maxRate = Math.max(maxRate, p.rate);
        minMs = Math.min(minMs, Math.min(p.p50, p.p99));
        maxMs = Math.max(maxMs, Math.max(p.p50, p.p99));
      }
    }
    double lo = Math.pow(10, Math.floor(Math.log10(Math.max(0.01, minMs))));
    double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(lo * 10, maxMs))));
    double xMax = Math.ceil(maxRate * 1.1 / 500) * 500;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    int plotW = width - left - right;
    int plotH = height - top - bottom;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    // grid and axes
    for (double d = lo; d <= hi * 1.001; d *= 10) {
      int y = top + plotH - (int) (plotH * Math.log10(d / lo) / Math.log10(hi / lo));
      g.setColor(new Color(0xdddddd));
      g.drawLine(left, y, left + plotW, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(label(d) + " ms", 10, y + 4);
    }
    for (double r = 0; r <= xMax; r += xMax / 5) {
      int x = left + (int) (plotW * r / xMax);
      g.setColor(new Color(0xdddddd));
      g.drawLine(x, top, x, top + plotH);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%.0f", r), x - 15, top + plotH + 18);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, plotW, plotH);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(args.get("title", "Latency against offered rate (p99 solid, p50 dashed)"),
        left, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString("offered rate (requests/s, constant, open model)", left + plotW / 2 - 140,
        height - 25);
    int legend = 0;
    int c = 0;
    for (Map.Entry<String, List<Point>> e : series.entrySet()) {
      Color colour = COLOURS[c++ % COLOURS.length];
      List<Point> points = new ArrayList<>(e.getValue());
      points.sort((a, b) -> Double.compare(a.rate, b.rate));
      for (int pass = 0; pass < 2; pass++) {
        g.setColor(colour);
        g.setStroke(pass == 0
            ? new BasicStroke(2.5f)
            : new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {6, 5}, 0));
        int px = -1;
        int py = -1;
        for (Point p : points) {
          double ms = pass == 0 ? p.p99 : p.p50;
          int x = left + (int) (plotW * p.rate / xMax);
          int y = top + plotH
              - (int) (plotH * Math.log10(Math.max(lo, ms) / lo) / Math.log10(hi / lo));
          g.fillOval(x - 3, y - 3, 7, 7);
          if (px >= 0) {
            g.drawLine(px, py, x, y);
          }
          px = x;
          py = y;
        }
      }
      g.setStroke(new BasicStroke(2.5f));
      int ly = top + 10 + legend * 22;
      g.drawLine(left + plotW + 15, ly, left + plotW + 45, ly);
      g.setColor(Color.BLACK);
      g.drawString(e.getKey(), left + plotW + 52, ly + 5);
      legend++;
    }
    g.dispose();
    ImageIO.write(image, "png", Path.of(args.required("out")).toFile());
  }

  private static String label(double ms) {
    return ms >= 1 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%s", ms);
  }
}
