package dev.cassette.proxy.transport;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The children still running; one shared JVM shutdown hook kills them all. */
final class ChildProcessRegistry {

  private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();
  private static boolean hookInstalled;

  private ChildProcessRegistry() {}

  static void register(ChildProcess child) {
    installHook();
    RUNNING.add(child);
  }

  static void unregister(ChildProcess child) {
    RUNNING.remove(child);
  }

  private static synchronized void installHook() {
    if (hookInstalled) {
      return;
    }
    Thread hook = new Thread(ChildProcessRegistry::killAll, "cassette-child-reaper");
    Runtime.getRuntime().addShutdownHook(hook);
    hookInstalled = true;
  }

  private static void killAll() {
    for (ChildProcess child : new ArrayList<>(RUNNING)) {
      child.kill();
    }
  }
}
