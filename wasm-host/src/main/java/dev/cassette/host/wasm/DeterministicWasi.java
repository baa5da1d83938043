package dev.cassette.host.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces WASI's {@code clock_time_get} and {@code poll_oneoff} with versions on a {@link
 * VirtualClock}: clock readings are repeatable, and sleeping advances the clock instead of waiting.
 */
final class DeterministicWasi {
  private static final int ESUCCESS = 0;
  private static final int EINVAL = 28;
  private static final byte EVENT_CLOCK = 0;
  private static final int SUBSCRIPTION_SIZE = 48;
  private static final int EVENT_SIZE = 32;
  private static final int ABSTIME = 1;

  private final VirtualClock clock;

  DeterministicWasi(VirtualClock clock) {
    this.clock = clock;
  }

  /** {@code functions} with the clock functions replaced. */
  HostFunction[] apply(HostFunction[] functions) {
    HostFunction[] result = functions.clone();
    for (int i = 0; i < result.length; i++) {
      HostFunction original = result[i];
      switch (original.name()) {
        case "clock_time_get":
          result[i] = replace(original, this::clockTimeGet);
          break;
        case "poll_oneoff":
          result[i] = replace(original, this::pollOneoff);
          break;
        default:
          break;
      }
    }
    return result;
  }

  private static HostFunction replace(
      HostFunction original, com.dylibso.chicory.runtime.WasmFunctionHandle handle) {
    return new HostFunction(original.module(), original.name(), original.functionType(), handle);
  }

  private long[] clockTimeGet(Instance instance, long... args) {
    instance.memory().writeLong((int) args[2], clock.read((int) args[0]));
    return new long[] {ESUCCESS};
  }

  private long[] pollOneoff(Instance instance, long... args) {
    Memory memory = instance.memory();
    int in = (int) args[0];
    int out = (int) args[1];
    int count = (int) args[2];
    if (count <= 0) {
      return new long[] {EINVAL};
    }
    List<long[]> clocks = new ArrayList<>();
    int events = 0;
    for (int i = 0; i < count; i++) {
      int sub = in + i * SUBSCRIPTION_SIZE;
      long userData = memory.readLong(sub);
      byte type = memory.read(sub + 8);
      if (type == EVENT_CLOCK) {
        int clockId = memory.readInt(sub + 16);
        long timeout = memory.readLong(sub + 24);
        if ((memory.readShort(sub + 40) & ABSTIME) != 0) {
          timeout -= clock.peek(clockId);
        }
        clocks.add(new long[] {userData, Math.max(0, timeout)});
      } else {
        writeEvent(memory, out + events++ * EVENT_SIZE, userData, type);
      }
    }
    if (events == 0) {
      long earliest = clocks.stream().mapToLong(c -> c[1]).min().orElse(0);
      clock.advance(earliest);
      for (long[] sub : clocks) {
        if (sub[1] <= earliest) {
          writeEvent(memory, out + events++ * EVENT_SIZE, sub[0], EVENT_CLOCK);
        }
      }
    }
    memory.writeI32((int) args[3], events);
    return new long[] {ESUCCESS};
  }

  private static void writeEvent(Memory memory, int at, long userData, byte type) {
    memory.fill((byte) 0, at, at + EVENT_SIZE);
    memory.writeLong(at, userData);
    memory.writeShort(at + 8, (short) ESUCCESS);
    memory.writeByte(at + 10, type);
  }
}
