package dev.cassette.proxy.transport;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import org.apiguardian.api.API;

/**
 * This process's own stdin and stdout as the client side of a session, for {@code cassette record}
 * launched by an MCP client as its server.
 *
 * <p>{@link #claim()} returns unbuffered streams on the raw file descriptors and points {@link
 * System#out} at {@link System#err}, so a stray print can never corrupt the protocol stream.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class StdioSelf {

  private static OutputStream claimedOut;
  private static InputStream claimedIn;

  private StdioSelf() {}

  /** The client side: what the MCP client writes (our stdin) and where we answer (our stdout). */
  public record ClientSide(InputStream fromClient, OutputStream toClient) {}

  /**
   * Takes over stdin and stdout for the protocol; later calls return the same streams.
   *
   * @return the client side of the session
   */
  public static synchronized ClientSide claim() {
    if (claimedOut == null) {
      System.out.flush();
      claimedIn = new FileInputStream(FileDescriptor.in);
      claimedOut = new FileOutputStream(FileDescriptor.out);
      System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    }
    return new ClientSide(claimedIn, claimedOut);
  }
}
