// Finds Cassette's npm test peers for server.mjs and client.mjs: $CASSETTE_TEST_PEERS, else the
// nearest test-peers folder above this script.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function testPeers() {
  if (process.env.CASSETTE_TEST_PEERS) return process.env.CASSETTE_TEST_PEERS;
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test-peers');
    if (existsSync(path.join(candidate, 'node_modules', '@modelcontextprotocol', 'server'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error('no test-peers folder with node_modules above ' + import.meta.url);
  }
}

// A require() that resolves packages in the test peers.
export const peersRequire = createRequire(path.join(testPeers(), 'package.json'));
