package dev.cassette.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, to print beside figures measured on a shared machine. */
final class Loads {

  private Loads() {}

  /** The one-minute load average. */
  static double now() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** {@code /proc/loadavg} as it reads (1, 5 and 15 minutes, …), or {@code unknown}. */
  static String line() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
