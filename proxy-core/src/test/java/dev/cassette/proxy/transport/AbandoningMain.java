package dev.cassette.proxy.transport;

import java.util.List;
import java.util.Map;

/**
 * Starts a child with a grandchild, prints the child's pid, and on any input exits without closing
 * it: the shared shutdown hook must kill both.
 */
public final class AbandoningMain {

  private AbandoningMain() {}

  public static void main(String[] args) throws Exception {
    ChildProcess child =
        ChildProcess.start(
            List.of("sh", "-c", "sleep 1000 & exec sleep 1001"),
            Map.of(),
            null,
            TransportOptions.defaults());
    ChildProcess second =
        ChildProcess.start(List.of("sleep", "1002"), Map.of(), null, TransportOptions.defaults());
    System.out.println(child.pid() + " " + second.pid());
    System.out.flush();
    System.in.read();
    System.exit(0);
  }
}
