package dev.cassette.host;

import java.util.List;

/** Wassette's built-in tool names, spelled out independently of the production constant. */
final class WasmHostTestNames {
  static final List<String> BUILTINS =
      List.of(
          "load-component",
          "unload-component",
          "list-components",
          "get-policy",
          "grant-storage-permission",
          "grant-network-permission",
          "grant-environment-variable-permission",
          "revoke-storage-permission",
          "revoke-network-permission",
          "revoke-environment-variable-permission",
          "reset-permission",
          "search-components");

  private WasmHostTestNames() {}
}
