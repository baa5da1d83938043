package dev.cassette.proxy.session;

import java.util.ArrayList;
import java.util.List;

/** Keeps every line and close reason a pump reports. */
final class RecordingListener implements SessionListener {

  private final List<byte[]> clientToServer = new ArrayList<>();
  private final List<byte[]> serverToClient = new ArrayList<>();
  private final List<String> closeReasons = new ArrayList<>();
  private long lastNanoTime;
  private boolean timesIncreasing = true;

  @Override
  public synchronized void onLine(Direction direction, byte[] line, long nanoTime) {
    (direction == Direction.CLIENT_TO_SERVER ? clientToServer : serverToClient).add(line);
    if (direction == Direction.SERVER_TO_CLIENT) {
      timesIncreasing &= nanoTime >= lastNanoTime;
      lastNanoTime = nanoTime;
    }
  }

  @Override
  public synchronized void onClose(String reason) {
    closeReasons.add(reason);
  }

  synchronized List<byte[]> clientToServer() {
    return List.copyOf(clientToServer);
  }

  synchronized List<byte[]> serverToClient() {
    return List.copyOf(serverToClient);
  }

  synchronized List<String> closeReasons() {
    return List.copyOf(closeReasons);
  }

  synchronized boolean serverTimesIncreasing() {
    return timesIncreasing;
  }
}
