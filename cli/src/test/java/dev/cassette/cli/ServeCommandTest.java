package dev.cassette.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassette.engine.client.McpSdkTransport;
import dev.cassette.proxy.record.Recorder;
import dev.cassette.proxy.record.RecorderOptions;
import dev.cassette.proxy.redact.Redactor;
import dev.cassette.proxy.session.TappedConnection;
import dev.cassette.proxy.tape.ServerSpec;
import dev.cassette.proxy.transport.ServerConnection;
import dev.cassette.proxy.transport.ServerConnections;
import dev.cassette.proxy.transport.TransportOptions;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

  @TempDir Path dir;

  /** The requests both runs send; their results are compared. */
  private static List<Object> session(McpSyncClient client) {
    List<Object> results = new ArrayList<>();
    results.add(client.initialize().serverInfo());
    results.add(client.listTools().tools());
    results.add(
        client.callTool(
            McpSchema.CallToolRequest.builder("echo")
                .arguments(Map.of("message", "tape"))
                .build()));
    results.add(
        client.callTool(
            McpSchema.CallToolRequest.builder("get-sum")
                .arguments(Map.of("a", 20, "b", 22))
                .build()));
    results.add(
        client.readResource(
            new McpSchema.ReadResourceRequest("demo://resource/static/document/architecture.md")));
    results.add(
        client.getPrompt(new McpSchema.GetPromptRequest("args-prompt", Map.of("city", "Oslo"))));
    return results;
  }

  private static McpSyncClient sdkClient(McpClientTransport transport) {
    return McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(20))
        .initializationTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** Records a session of the SDK client with server-everything through Cassette's recorder. */
  private List<Object> recordLive(Path tape) throws Exception {
    ServerSpec spec =
        ServerSpec.stdio(List.of("node", RecorderProcess.serverEverything(), "stdio"));
    Recorder recorder =
        Recorder.start(
            new RecorderOptions(tape, "everything", List.of(), spec, dir, status -> {}),
            Redactor.defaults());
    ServerConnection live = ServerConnections.open(spec, Map.of(), TransportOptions.defaults());
    McpSyncClient client = sdkClient(new McpSdkTransport(TappedConnection.tap(live, recorder)));
    try {
      return session(client);
    } finally {
      client.closeGracefully();
      live.close();
      recorder.finish(Duration.ofSeconds(10));
    }
  }

  @Test
  void answersTheSdkClientExactlyAsTheLiveServerDidForTheRecordedRequests() throws Exception {
    Path tape = dir.resolve("everything.tape.json");
    List<Object> live = recordLive(tape);
    assertThat(tape).exists();

    ServerParameters serve =
        ServerParameters.builder(RecorderProcess.cassette(List.of()).get(0))
            .args(
                new ArrayList<>(
                    RecorderProcess.cassette(List.of("serve", tape.toString())).subList(1, 6)))
            .build();
    McpSyncClient client = sdkClient(new StdioClientTransport(serve, McpJsonDefaults.getMapper()));
    try {
      assertThat(session(client)).isEqualTo(live);

      assertThatThrownBy(
              () ->
                  client.callTool(
                      McpSchema.CallToolRequest.builder("echo")
                          .arguments(Map.of("message", "not on tape"))
                          .build()))
          .isInstanceOf(McpError.class)
          .hasMessageContaining("the tape holds no response for tools/call")
          .hasMessageContaining(
              "\"params.arguments.message\" expected: <\"tape\"> but was: <\"not on tape\">");
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void aBrokenTapeExitsWithStatusTwoNamingTheFile() throws Exception {
    Path broken = dir.resolve("broken.tape.json");
    Files.writeString(broken, "{\"cassette\": 1, \"name\": ");
    StringWriter err = new StringWriter();
    CommandLine command =
        new CommandLine(
            new ServeCommand(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()));
    command.setErr(new PrintWriter(err));

    int status = command.execute(broken.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("cassette serve: ").contains("broken.tape.json");
  }

  @Test
  void servesGivenStreamsAndExitsOneWhenARequestWasNotOnTheTape() throws Exception {
    Path tape = dir.resolve("tiny.tape.json");
    Files.writeString(
        tape,
        """
        {
          "cassette": 1,
          "name": "tiny",
          "exchanges": [
            {
              "client": {"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
              "response": {"jsonrpc": "2.0", "id": 1, "result": {"tools": []}}
            }
          ]
        }
        """);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String input =
        "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/list\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"prompts/list\"}\n";
    StringWriter err = new StringWriter();
    CommandLine command =
        new CommandLine(
            new ServeCommand(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out));
    command.setErr(new PrintWriter(err));

    int status = command.execute(tape.toString());

    assertThat(status).isEqualTo(1);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0)).contains("\"id\":\"a\"").contains("\"tools\":[]");
    assertThat(lines.get(1)).contains("\"id\":\"b\"").contains("-32001");
    assertThat(err.toString())
        .contains("the tape holds no prompts/list request; it holds tools/list");
  }

  /** What one run of {@code cassette serve} on given client lines did. */
  record Served(int status, List<String> out, String err) {}

  private Served serve(Path tape, String... clientLines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String input = String.join("\n", clientLines) + (clientLines.length == 0 ? "" : "\n");
    StringWriter err = new StringWriter();
    CommandLine command =
        new CommandLine(
            new ServeCommand(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out));
    command.setErr(new PrintWriter(err));
    int status = command.execute(tape.toString());
    return new Served(
        status, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString());
  }

  private Path tape(String name, String matchBlock, String... clients) throws Exception {
    StringBuilder exchanges = new StringBuilder();
    for (int i = 0; i < clients.length; i++) {
      exchanges
          .append(i == 0 ? "" : ",\n")
          .append("    {\"client\": ")
          .append(clients[i])
          .append(",\n     \"response\": {\"jsonrpc\": \"2.0\", \"id\": ")
          .append(i + 1)
          .append(", \"result\": {\"n\": ")
          .append(i + 1)
          .append("}}")
          .append(i == 0 && matchBlock != null ? ",\n     \"match\": " + matchBlock : "")
          .append("}");
    }
    Path tape = Files.createDirectories(dir.resolve("tapes")).resolve(name + ".tape.json");
    Files.writeString(
        tape,
        "{\"cassette\": 1, \"name\": \""
            + name
            + "\",\n  \"exchanges\": [\n"
            + exchanges
            + "\n  ]\n}\n");
    return tape;
  }

  @Test
  void emptyAndAbsentParamsAreTheSameRequest() throws Exception {
    Path tape =
        tape(
            "params",
            null,
            "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\", \"params\": {}}",
            "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"prompts/list\"}");

    Served served =
        serve(
            tape,
            "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"prompts/list\",\"params\":{}}");

    assertThat(served.status()).as(served.err()).isZero();
    assertThat(served.out().get(0)).contains("\"id\":\"a\"").contains("\"n\":1");
    assertThat(served.out().get(1)).contains("\"id\":\"b\"").contains("\"n\":2");
  }

  @Test
  void placeholdersAndMatchBlocksMatchAsVerifyMatchesThem() throws Exception {
    Path tape =
        tape(
            "loose",
            "{\"ignoreExtraFields\": true}",
            "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/call\", \"params\":"
                + " {\"name\": \"echo\", \"arguments\": {\"message\": \"#{json-unit.regex}^hel+o$\"}}}");

    Served served =
        serve(
            tape,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"message\":\"hello\"},\"task\":{\"ttl\":1}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"message\":\"hullo\"}}}");

    assertThat(served.out().get(0)).contains("\"n\":1");
    assertThat(served.out().get(1)).contains("-32001");
    assertThat(served.err())
        .contains(
            "\"params.arguments.message\" expected: <\"${json-unit.regex}^hel+o$\"> but was:"
                + " <\"hullo\">");
  }

  @Test
  void aMatchKeyVerifyRejectsIsRejectedWithTheSameMessage() throws Exception {
    Path tape =
        tape(
            "typo",
            "{\"ignorePath\": [\"$.params\"]}",
            "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\"}");

    Served served = serve(tape, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
    VerifyCommandTests.Run verified =
        VerifyCommandTests.verify(
            tape.toString(),
            "--record",
            "none",
            "--reports-dir",
            dir.resolve("reports").toString());

    String reason =
        ":3:5: exchange #1 match block: unknown match setting \"ignorePath\" (known: ignorePaths,"
            + " ignoreArrayOrder, ignoreExtraFields, numericTolerance, nullAsAbsent, jsonInText,"
            + " notifications, strict)";
    assertThat(served.status()).isEqualTo(2);
    assertThat(served.out()).isEmpty();
    assertThat(served.err()).contains("cassette serve: " + tape + reason);
    assertThat(verified.exitCode()).isEqualTo(1);
    assertThat(verified.out() + verified.err()).contains("typo.tape.json" + reason);
  }

  @Test
  void exitsOneListingTheRecordedExchangesTheClientNeverSent() throws Exception {
    Path tape =
        tape(
            "unused",
            null,
            "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\"}",
            "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"prompts/list\"}");

    Served served = serve(tape, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");

    assertThat(served.out()).singleElement().asString().contains("\"n\":1");
    assertThat(served.status()).isEqualTo(1);
    assertThat(served.err())
        .contains(
            "cassette serve: "
                + tape
                + ": the client never sent exchange #2 prompts/list (tape line 5)");
  }
}
