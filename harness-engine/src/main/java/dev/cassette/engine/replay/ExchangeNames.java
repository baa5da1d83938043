package dev.cassette.engine.replay;

import dev.cassette.proxy.tape.Exchange;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * Names exchanges for people: {@code tools/call get-weather (#4)}, or {@code weather / tools/call
 * get-weather (#4)} with the tape in front.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ExchangeNames {

  private ExchangeNames() {}

  /** The display name of the exchange with 1-based {@code number}. */
  public static String displayName(Exchange exchange, int number) {
    return describe(exchange.client()) + " (#" + number + ")";
  }

  /** The exchange name {@code exchangeName} with the tape's name in front. */
  public static String inTape(String tapeName, String exchangeName) {
    return tapeName + " / " + exchangeName;
  }

  /** The message's method and its subject (tool or prompt name, resource URI). */
  public static String describe(JsonNode client) {
    if (client.isArray()) {
      return "batch of " + client.size();
    }
    String method = client.path("method").asString("?");
    JsonNode params = client.path("params");
    String subject =
        switch (method) {
          case "tools/call", "prompts/get" -> params.path("name").asString("");
          case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
              params.path("uri").asString("");
          default -> "";
        };
    return subject.isEmpty() ? method : method + " " + subject;
  }
}
