package com.example.fidelity;

import java.util.List;

/**
 * A difference between real Wassette and the embedded host that the fidelity test allows: the JSON
 * paths it may differ at, in the exchanges with the given label, and the row of the table "Fidelity
 * to Wassette" in {@code docs/host.md} that says why.
 *
 * @param row the first cell of the row in {@code docs/host.md} (without backticks)
 * @param label the exchanges it applies to ({@link WassetteFidelityTest#label})
 * @param paths the paths (under the response, or {@code notifications}) that may differ
 */
record AllowedDifference(String row, String label, List<String> paths) {
  AllowedDifference(String row, String label, String... paths) {
    this(row, label, List.of(paths));
  }
}
