package dev.cassette.engine.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;

/** The notifications a server sent, in arrival order, with bounded waits for the next one. */
final class NotificationInbox {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final List<JsonNode> all = new ArrayList<>();
  private final List<Boolean> taken = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  void add(JsonNode notification) {
    lock.lock();
    try {
      all.add(notification);
      taken.add(false);
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void problem(String problem) {
    lock.lock();
    try {
      problems.add(problem);
    } finally {
      lock.unlock();
    }
  }

  List<JsonNode> all() {
    lock.lock();
    try {
      return List.copyOf(all);
    } finally {
      lock.unlock();
    }
  }

  List<String> problems() {
    lock.lock();
    try {
      return List.copyOf(problems);
    } finally {
      lock.unlock();
    }
  }

  /** Takes the first untaken notification with the method, waiting up to the timeout; or null. */
  JsonNode await(String method, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        for (int i = 0; i < all.size(); i++) {
          if (!taken.get(i) && method.equals(all.get(i).path("method").asString(null))) {
            taken.set(i, true);
            return all.get(i);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        arrived.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)));
      }
    } finally {
      lock.unlock();
    }
  }
}
