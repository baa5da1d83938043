package dev.cassette.proxy.record;

import dev.cassette.proxy.jsonrpc.JsonRpcMessage;
import dev.cassette.proxy.session.SessionListener.Direction;
import dev.cassette.proxy.tape.Component;
import dev.cassette.proxy.tape.Exchange;
import dev.cassette.proxy.tape.Tape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a tape from a journal: the one path both a clean finish and {@code tape recover} take, so
 * a recovered tape equals the tape the finished recording would have written up to that point.
 */
final class TapeAssembly implements JournalReader.Visitor {

  private final List<Exchange> exchanges = new ArrayList<>();
  private final ExchangeAssembler assembler = new ExchangeAssembler(exchanges::add);
  private final Map<String, Component> components = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private JournalHeader header;
  private String endReason;

  private TapeAssembly() {}

  /** Reads the journal and assembles the tape; notes say what was odd or cut off. */
  static Result assemble(Path journal) throws IOException {
    TapeAssembly assembly = new TapeAssembly();
    JournalReader.read(journal, assembly);
    return assembly.result();
  }

  /** The tape and what was odd about the journal it came from. */
  record Result(Tape tape, List<String> notes, boolean ended) {}

  private Result result() {
    assembler.finish();
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
            List.copyOf(components.values()),
            null,
            exchanges,
            null);
    return new Result(tape, List.copyOf(notes), endReason != null);
  }

  @Override
  public void header(JournalHeader value) {
    header = value;
  }

  @Override
  public void message(Direction direction, long nanos, JsonRpcMessage message) {
    assembler.accept(direction, message, nanos);
  }

  @Override
  public void component(Component component) {
    components.put(component.id(), component);
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
