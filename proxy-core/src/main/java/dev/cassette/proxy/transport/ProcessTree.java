package dev.cassette.proxy.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process and every descendant seen while it ran, so that descendants orphaned by the
 * child's exit are still found and killed.
 */
final class ProcessTree {

  private final ProcessHandle root;
  private final Map<Long, Node> seen = new LinkedHashMap<>();

  private record Node(ProcessHandle handle, int depth) {}

  ProcessTree(ProcessHandle root) {
    this.root = root;
  }

  /** Records the current descendants with their depth below the root. */
  synchronized void snapshot() {
    if (!root.isAlive()) {
      return;
    }
    root.descendants().forEach(d -> seen.putIfAbsent(d.pid(), new Node(d, depth(d))));
  }

  /** Kills all recorded descendants deepest first, then the root; bounded; reaps the root. */
  void destroy(Duration grace) {
    snapshot();
    List<ProcessHandle> victims = new ArrayList<>();
    synchronized (this) {
      seen.values().stream()
          .sorted(Comparator.comparingInt(Node::depth).reversed())
          .forEach(n -> victims.add(n.handle()));
    }
    victims.add(root);
    for (ProcessHandle victim : victims) {
      victim.destroy();
    }
    Duration step = grace.dividedBy(4); // SIGTERM's share of the grace, then SIGKILL
    for (ProcessHandle victim : victims) {
      if (!waitFor(victim, step)) {
        victim.destroyForcibly();
      }
    }
    for (ProcessHandle victim : victims) {
      waitFor(victim, Duration.ofSeconds(5));
    }
  }

  /** Waits up to {@code timeout} for a process to end; true if it has. */
  static boolean waitFor(ProcessHandle handle, Duration timeout) {
    if (!handle.isAlive()) {
      return true;
    }
    try {
      handle.onExit().get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }

  private int depth(ProcessHandle handle) {
    int depth = 0;
    ProcessHandle current = handle;
    while (depth < 64) {
      depth++;
      ProcessHandle parent = current.parent().orElse(null);
      if (parent == null || parent.pid() == root.pid()) {
        return depth;
      }
      current = parent;
    }
    return depth;
  }
}
