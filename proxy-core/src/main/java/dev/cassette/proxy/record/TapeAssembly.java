package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Component;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Builds a tape from a journal: the one path both a clean finish and {@code tape recover} take, so
 * a recovered tape equals the tape the finished recording would have written up to that point.
 */
final class TapeAssembly implements JournalReader.Visitor {

  private final ExchangeAssembler assembler;
  private final ComponentLedger components = new ComponentLedger();
  private final List<String> problems = new ArrayList<>();
  private JournalHeader header;
  private String endReason;

  private TapeAssembly(Consumer<Exchange> sink) {
    assembler = new ExchangeAssembler(sink);
  }

  /**
   * Reads the journal and assembles the tape, handing each exchange to the sink in order as soon as
   * it is complete, so that only open exchanges are held in memory.
   *
   * @return the tape's metadata (with no exchanges), how many exchanges went to the sink, and notes
   *     on what was odd or cut off
   */
  static Result assemble(Path journal, Consumer<Exchange> sink) throws IOException {
    TapeAssembly assembly = new TapeAssembly(sink);
    JournalReader.read(journal, assembly);
    return assembly.result();
  }

  /**
   * A tape's metadata and what was odd about the journal it came from.
   *
   * @param header the tape without exchanges
   * @param exchanges how many exchanges the journal gave
   * @param incomplete how many exchanges lack a response (a server request the client never
   *     answered is kept without an answer and noted, but does not count)
   * @param lineProblems how many lines were unusable (non-JSON, not JSON-RPC, cut off)
   * @param notes oddities, in words
   * @param ended whether the journal recorded the end of the session
   */
  record Result(
      Tape header,
      long exchanges,
      long incomplete,
      long lineProblems,
      List<String> notes,
      boolean ended) {}

  private Result result() {
    long count = assembler.finish();
    List<String> notes = new ArrayList<>(problems);
    notes.addAll(assembler.problems());
    Tape tape =
        new Tape(
            Tape.FORMAT_VERSION,
            header.name(),
            header.tags(),
            header.recorded(),
            header
                .server()
                .withHandshake(
                    assembler.handshake().protocolVersion(), assembler.handshake().serverInfo()),
            components.components(),
            null,
            List.of(),
            null);
    return new Result(
        tape,
        count,
        assembler.incomplete(),
        problems.size(),
        List.copyOf(notes),
        endReason != null);
  }

  @Override
  public void header(JournalHeader value) {
    header = value;
  }

  @Override
  public void message(Direction direction, long nanos, JsonRpcMessage message) {
    components.message(direction, message);
    assembler.accept(direction, message, nanos);
  }

  @Override
  public void component(Component component, JsonNode request) {
    components.component(component, request);
  }

  @Override
  public void end(String reason) {
    endReason = reason;
  }

  @Override
  public void problem(String problem) {
    problems.add(problem);
  }
}
