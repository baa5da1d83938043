package dev.cassette.engine.replay;

import dev.cassette.annotations.RecordMode;
import dev.cassette.engine.Constants;
import dev.cassette.engine.match.Difference;
import dev.cassette.engine.match.InputRequired;
import dev.cassette.engine.match.JsonComparison;
import dev.cassette.engine.match.MatchLayer;
import dev.cassette.engine.match.MatchSettings;
import dev.cassette.engine.match.MismatchReport;
import dev.cassette.engine.match.NotificationMatcher;
import dev.cassette.engine.tape.TapeLocation;
import dev.cassette.proxy.jsonrpc.Json;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import dev.cassette.proxy.transport.ServerClosedException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;
import tools.jackson.databind.JsonNode;

/**
 * Replays one tape, exchange by exchange, against a live server and checks each against the tape.
 * Exchanges run in order on one thread; an exchange selected alone first replays the ones before it
 * (unchecked) so the server is in the recorded state.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TapeReplay {

  private final Tape tape;
  private final TapeLocation location;
  private final MatchSettings tapeSettings;
  private final List<MatchLayer> exchangeLayers;
  private final Connections connections;
  private final boolean ownsConnections;
  private final Duration timeout;
  private final Duration startupTimeout;
  private final RecordMode recordMode;
  private final Map<String, String> environment;
  private final EngineExecutionListener listener;
  private final ObservedExchange[] observed;
  private final List<Integer> rerecorded = new ArrayList<>();
  private final ToolInventory tools = new ToolInventory();
  private final RequestStates requestStates = new RequestStates();
  private final RecordedComponents components;
  private final ComponentTools componentTools;
  private int played;
  private String skipReason;

  TapeReplay(
      Tape tape,
      TapeLocation location,
      MatchSettings tapeSettings,
      List<MatchLayer> exchangeLayers,
      Connections connections,
      boolean ownsConnections,
      Duration timeout,
      Duration startupTimeout,
      RecordMode recordMode,
      Map<String, String> environment,
      EngineExecutionListener listener,
      RecordedComponents components) {
    this.tape = tape;
    this.location = location;
    this.tapeSettings = tapeSettings;
    this.exchangeLayers = exchangeLayers;
    this.connections = connections;
    this.ownsConnections = ownsConnections;
    this.timeout = timeout;
    this.startupTimeout = startupTimeout;
    this.recordMode = recordMode;
    this.environment = environment;
    this.listener = listener;
    this.observed = new ObservedExchange[tape.exchanges().size()];
    this.components = components;
    this.componentTools = new ComponentTools(tape);
  }

  /** Why the remaining exchanges are skipped (the server crashed or hung), if they are. */
  public Optional<String> skipReason() {
    return Optional.ofNullable(skipReason);
  }

  /** The settings in force for the exchange with 1-based {@code number}. */
  public MatchSettings settings(int number) {
    return tapeSettings.merge(exchangeLayers.get(number - 1));
  }

  /**
   * Replays exchange {@code number} (1-based) and checks it.
   *
   * @throws AssertionError when the live exchange does not match the tape
   * @throws IOException when the server cannot start, exits or does not answer in time
   */
  public void replay(int number, TestDescriptor descriptor) throws Exception {
    while (played < number - 1) {
      play(played + 1, "while replaying the earlier exchange #" + (played + 1) + " for setup: ");
    }
    Exchange exchange = tape.exchanges().get(number - 1);
    ObservedExchange result = play(number, "");
    MatchSettings settings = settings(number);
    List<Difference> differences = new ArrayList<>();
    if (exchange.response() != null && result.response() != null) {
      differences.addAll(
          JsonComparison.compare(
              InputRequired.expected(exchange.response()), result.response(), settings));
    }
    differences.addAll(
        NotificationMatcher.compare(exchange.notifications(), result.notifications(), settings));
    List<String> notes = new ArrayList<>(result.problems());
    tools.obsoleteNote(exchange.client()).ifPresent(notes::add);
    if (differences.isEmpty() && notes.isEmpty()) {
      return;
    }
    if (result.response() != null) {
      publish(descriptor, "cassette.actual", Json.compact(result.response()));
    }
    publish(descriptor, "cassette.matchers", settings.describe());
    if ((recordMode == RecordMode.ALL || recordMode == RecordMode.FAILING) && notes.isEmpty()) {
      rerecorded.add(number);
      publish(
          descriptor,
          "cassette.rerecorded",
          differences.size() + " difference(s) written to " + location.displayPath());
      return;
    }
    throw MismatchReport.toError(
        componentTools.name(ExchangeNames.displayName(exchange, number), exchange.client()),
        where(exchange),
        notes,
        differences,
        settings);
  }

  private ObservedExchange play(int number, String context) throws Exception {
    Exchange exchange = tape.exchanges().get(number - 1);
    String name =
        componentTools.name(ExchangeNames.displayName(exchange, number), exchange.client());
    played = number;
    ServerConnectionLease lease = null;
    try {
      lease = lease();
      ExchangePlayer player =
          new ExchangePlayer(lease.connection(), lease.timeout(), lease.bound(), environment);
      ObservedExchange result = player.play(echoingLiveState(exchange), settings(number));
      observed[number - 1] = result;
      requestStates.observe(exchange.response(), result.response());
      tools.observe(exchange.client(), exchange.response(), result.response());
      return result;
    } catch (ServerClosedException e) {
      skipReason = "the server exited during " + name;
      throw new IOException(
          context
              + "the server exited during "
              + name
              + " at "
              + where(exchange)
              + ": "
              + e.getMessage(),
          e);
    } catch (ExchangeTimeoutException e) {
      skipReason =
          "the server did not answer "
              + name
              + " within "
              + ExchangePlayer.describe(lease == null ? timeout : lease.timeout());
      throw new IOException(context + name + " at " + where(exchange) + ": " + e.getMessage(), e);
    } catch (IOException e) {
      skipReason = "the server failed: " + e.getMessage();
      throw new IOException(context + name + " at " + where(exchange) + ": " + e.getMessage(), e);
    }
  }

  private Exchange echoingLiveState(Exchange exchange) {
    JsonNode client = requestStates.outgoing(exchange.client());
    return client == exchange.client()
        ? exchange
        : new Exchange(
            client,
            exchange.response(),
            exchange.notifications(),
            exchange.serverRequests(),
            exchange.elapsedMillis(),
            exchange.match(),
            exchange.extensions(),
            exchange.position());
  }

  /** A connection and how long to wait on it; {@code bound} names the settings the wait is from. */
  private record ServerConnectionLease(
      dev.cassette.proxy.transport.ServerConnection connection, Duration timeout, String bound) {}

  /**
   * The connection, and the wait: {@code cassette.timeout}, plus the start-up allowance ({@link
   * dev.cassette.engine.config.CassetteConfiguration#serverStartupTimeout()}, zero when only the
   * timeout is set) for a fresh server's first answer.
   */
  private ServerConnectionLease lease() throws IOException {
    dev.cassette.proxy.transport.ServerConnection connection = connections.get();
    if (connections.firstUse() && !startupTimeout.isZero()) {
      return new ServerConnectionLease(
          connection,
          timeout.plus(startupTimeout),
          Constants.TIMEOUT_PROPERTY_NAME
              + " "
              + ExchangePlayer.describe(timeout)
              + " + "
              + Constants.SERVER_STARTUP_TIMEOUT_PROPERTY_NAME
              + " "
              + ExchangePlayer.describe(startupTimeout)
              + " for a fresh server's first answer");
    }
    return new ServerConnectionLease(connection, timeout, Constants.TIMEOUT_PROPERTY_NAME);
  }

  /** Exchanges re-recorded so far (1-based numbers). */
  List<Integer> rerecorded() {
    return List.copyOf(rerecorded);
  }

  /** What each exchange observed, {@code null} where it was not played. */
  List<ObservedExchange> observed() {
    return java.util.Arrays.asList(observed.clone());
  }

  /** Tools the tape calls that its recording listed and the live server no longer lists. */
  List<String> obsoleteTools() {
    return tools.obsolete(tape);
  }

  Tape tape() {
    return tape;
  }

  /** The tape's components as the files are now (for a re-recorded tape). */
  List<dev.cassette.proxy.tape.Component> currentComponents() {
    return components.current();
  }

  TapeLocation location() {
    return location;
  }

  RecordMode recordMode() {
    return recordMode;
  }

  boolean completed() {
    return skipReason == null && played == tape.exchanges().size();
  }

  void close() {
    if (ownsConnections) {
      connections.close();
    }
  }

  void publish(TestDescriptor descriptor, String key, String value) {
    listener.reportingEntryPublished(descriptor, ReportEntry.from(key, value));
  }

  private String where(Exchange exchange) {
    return location.displayPath() + (exchange.position() == null ? "" : ":" + exchange.position());
  }
}
