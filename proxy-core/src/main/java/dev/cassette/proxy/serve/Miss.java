package dev.cassette.proxy.serve;

import dev.cassette.proxy.tape.Exchange;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * A client message the tape holds no exchange for, and the recorded message nearest to it: the one
 * with the fewest differences under the matcher (the grade).
 *
 * @param request the client's message (a request or a notification) as it arrived
 * @param nearestIndex the 0-based index of the nearest recorded exchange, or -1 when the tape holds
 *     no request with that method
 * @param nearest the nearest recorded exchange, or {@code null}
 * @param differences how the request differs from the nearest, JSON path first
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Miss(JsonNode request, int nearestIndex, Exchange nearest, List<String> differences) {

  /** Checks arguments and copies the list. */
  public Miss {
    Objects.requireNonNull(request, "request");
    differences = List.copyOf(differences);
  }

  /** One paragraph for an error message: what was asked, what is nearest and how it differs. */
  public String describe() {
    JsonNode method = request.get("method");
    StringBuilder text =
        new StringBuilder(
                request.has("id")
                    ? "the tape holds no response for "
                    : "the tape holds no exchange for the notification ")
            .append(method == null ? "the message" : method.asString())
            .append(' ')
            .append(summary(request.get("params")));
    if (nearest == null) {
      return text.append(": ").append(differences.isEmpty() ? "" : differences.get(0)).toString();
    }
    text.append("; nearest is exchange #").append(nearestIndex + 1);
    if (nearest.position() != null) {
      text.append(" at line ").append(nearest.position().line());
    }
    text.append(" (")
        .append(differences.size())
        .append(differences.size() == 1 ? " difference" : " differences")
        .append("), which differs at:");
    for (String difference : differences) {
      text.append("\n  ").append(difference);
    }
    return text.toString();
  }

  private static String summary(JsonNode params) {
    if (params == null) {
      return "(no params)";
    }
    String compact = params.toString();
    return compact.length() > 200 ? compact.substring(0, 197) + "..." : compact;
  }
}
