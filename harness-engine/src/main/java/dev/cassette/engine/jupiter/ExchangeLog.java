package dev.cassette.engine.jupiter;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.jsonrpc.MalformedMessageException;
import dev.cassette.proxy.session.SessionListener;
import dev.cassette.proxy.tape.Exchange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Files the lines of one session into exchanges, in the order the client sent them: a request opens
 * an exchange its response closes; server notifications and requests go to the latest request still
 * open, else to the latest exchange. Thread-safe.
 */
final class ExchangeLog implements SessionListener {

  private final List<Draft> drafts = new ArrayList<>();
  private final Map<String, Draft> open = new HashMap<>();
  private final Map<String, Draft.Call> serverCalls = new HashMap<>();
  private final List<String> problems = new ArrayList<>();

  private static final class Draft {
    final JsonNode client;
    final long startNanos;
    JsonNode response;
    long elapsedMillis = -1;
    final List<JsonNode> notifications = new ArrayList<>();
    final List<Call> calls = new ArrayList<>();

    Draft(JsonNode client, long startNanos) {
      this.client = client;
      this.startNanos = startNanos;
    }

    static final class Call {
      final JsonNode request;
      JsonNode response;

      Call(JsonNode request) {
        this.request = request;
      }
    }
  }

  @Override
  public void onLine(Direction direction, byte[] line, long nanoTime) {
    if (direction == Direction.CLIENT_TO_SERVER) {
      fromClient(line, nanoTime);
    } else {
      fromServer(line, nanoTime);
    }
  }

  synchronized void fromClient(byte[] line, long nanos) {
    JsonRpcMessage message = parse(line, "client");
    if (message != null) {
      onClient(message, nanos);
    }
  }

  synchronized void fromServer(byte[] line, long nanos) {
    JsonRpcMessage message = parse(line, "server");
    if (message != null) {
      onServer(message, nanos);
    }
  }

  private void onClient(JsonRpcMessage message, long nanos) {
    if (message instanceof JsonRpcMessage.Response answer) {
      Draft.Call call = serverCalls.remove(answer.id().toString());
      if (call != null) {
        call.response = answer.json();
      }
      return;
    }
    if (message instanceof JsonRpcMessage.Batch batch) {
      batch.messages().forEach(part -> onClient(part, nanos));
      return;
    }
    Draft draft = new Draft(message.json(), nanos);
    drafts.add(draft);
    if (message instanceof JsonRpcMessage.Request request) {
      open.put(request.id().toString(), draft);
    }
  }

  private void onServer(JsonRpcMessage message, long nanos) {
    if (message instanceof JsonRpcMessage.Response response) {
      Draft draft = open.remove(response.id().toString());
      if (draft == null) {
        problems.add("server answered unknown request id " + response.id());
      } else {
        draft.response = response.json();
        draft.elapsedMillis = (nanos - draft.startNanos) / 1_000_000;
      }
    } else if (message instanceof JsonRpcMessage.Notification notification) {
      Draft window = window();
      if (window != null) {
        window.notifications.add(notification.json());
      }
    } else if (message instanceof JsonRpcMessage.Request request) {
      Draft window = window();
      if (window != null) {
        Draft.Call call = new Draft.Call(request.json());
        window.calls.add(call);
        serverCalls.put(request.id().toString(), call);
      }
    } else if (message instanceof JsonRpcMessage.Batch batch) {
      batch.messages().forEach(part -> onServer(part, nanos));
    }
  }

  /** The latest request still waiting for its response, else the latest exchange. */
  private Draft window() {
    for (int i = drafts.size() - 1; i >= 0; i--) {
      if (open.containsValue(drafts.get(i))) {
        return drafts.get(i);
      }
    }
    return drafts.isEmpty() ? null : drafts.get(drafts.size() - 1);
  }

  private JsonRpcMessage parse(byte[] line, String who) {
    try {
      return JsonRpcMessage.parse(line);
    } catch (MalformedMessageException e) {
      problems.add(who + " sent a line that is not JSON-RPC: " + e.getMessage());
      return null;
    }
  }

  synchronized List<Exchange> exchanges() {
    List<Exchange> exchanges = new ArrayList<>();
    for (Draft draft : drafts) {
      List<Exchange.ServerRequest> calls = new ArrayList<>();
      draft.calls.forEach(
          call -> calls.add(new Exchange.ServerRequest(call.request, call.response)));
      exchanges.add(
          new Exchange(
              draft.client,
              draft.response,
              draft.notifications,
              calls,
              draft.elapsedMillis,
              null,
              null,
              null));
    }
    return exchanges;
  }

  synchronized List<String> problems() {
    return List.copyOf(problems);
  }
}
