// Records the example tape suite: for each scenario in tapes/scenarios/, starts
// `cassette record -o tapes/<name>.tape.json -- <server>` as an MCP server, plays the scenario as a
// client (one request at a time, waiting for each response), and closes the session.
//
// Usage: node tapes/record.mjs [scenario-name...]      (from the repository root)
// Env:   CASSETTE (default ./cassette); SUITE (default tapes): the suite folder, e.g. tapes/wassette
//        (its scenarios in <SUITE>/scenarios/, its tapes written to <SUITE>/). A scenario may name its own server command ("server");
//        by default the embedded host records in-process, with deterministic clock and randomness
//        and policy changes kept in memory (so grant/revoke scenarios leave policy files untouched);
//        a scenario's "settings" ({"componentDir": ...}) override those. "stepsFrom" names another
//        scenario file (from the repository root) whose steps and protocolVersion it plays, so one
//        scenario can be recorded against two servers (tapes/wassette/scenarios/builtins.json).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cassette = process.env.CASSETTE ?? join(root, 'cassette');
const only = new Set(process.argv.slice(2));
const suite = process.env.SUITE ?? 'tapes';
const TIMEOUT_MS = 180000; // the first call may wait for the host to compile components

async function record(file) {
  const scenario = JSON.parse(readFileSync(file, 'utf8'));
  if (scenario.stepsFrom) {
    const source = JSON.parse(readFileSync(join(root, scenario.stepsFrom), 'utf8'));
    scenario.steps = source.steps;
    scenario.protocolVersion ??= source.protocolVersion;
  }
  const out = join(root, suite, `${scenario.name}.tape.json`);
  const args = ['record', '-o', out, '--name', scenario.name];
  for (const tag of scenario.tags ?? []) args.push('--tag', tag);
  args.push(...(scenario.recordArgs ?? []));
  if (scenario.server) {
    args.push('--', ...scenario.server);
  } else {
    const settings = { componentDir: 'components', deterministic: 'true', policyChanges: 'memory',
      ...(scenario.settings ?? {}) };
    args.push('--embedded', 'wassette');
    for (const [key, value] of Object.entries(settings)) args.push('--setting', `${key}=${value}`);
  }
  const child = spawn(cassette, args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const pending = new Map();
  let buffer = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (data) => {
    buffer += data;
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      const message = JSON.parse(line);
      if (message.id !== undefined && message.method === undefined && pending.has(message.id)) {
        pending.get(message.id)(message);
        pending.delete(message.id);
      }
    }
  });
  let id = 0;
  const send = (message) => child.stdin.write(JSON.stringify(message) + '\n');
  const request = (method, params) => new Promise((resolve, reject) => {
    const requestId = ++id;
    const timer = setTimeout(() => reject(new Error(`${scenario.name}: no response to ${method} in ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    pending.set(requestId, (m) => { clearTimeout(timer); resolve(m); });
    send({ jsonrpc: '2.0', id: requestId, method, ...(params === undefined ? {} : { params }) });
  });
  await request('initialize', {
    protocolVersion: scenario.protocolVersion ?? '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'cassette-tape-recorder', version: '1' },
  });
  send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  for (const step of scenario.steps) {
    await request(step.method, step.params);
  }
  child.stdin.end();
  const status = await new Promise((resolve) => child.on('exit', resolve));
  if (status !== 0) throw new Error(`${scenario.name}: cassette record exited with ${status}`);
  if (scenario.timingDependent) settle(out, scenario.timingDependent);
  console.log(`recorded ${out}`);
}

// A scenario's "timingDependent": {"notifications": [methods], "keepFor": [tool names]} drops those
// notifications from every exchange except calls of the keepFor tools (Wassette announces the
// components it loads at start-up with tools/list_changed at moments that depend on timing; its
// load-component and unload-component send one before their response; a start-up one may land in
// their window too, so at most one of each method is kept there). Replay ignores live
// notifications a tape does not hold, so the tape stays stable. Failed loads leave no component.
export function settle(file, { notifications = [], keepFor = [] }) {
  const tape = JSON.parse(readFileSync(file, 'utf8'));
  for (const exchange of tape.exchanges) {
    const tool = exchange.client?.method === 'tools/call' ? exchange.client.params?.name : undefined;
    if (!exchange.notifications) continue;
    const seen = new Set();
    exchange.notifications = exchange.notifications.filter((n) => {
      if (!notifications.includes(n.method)) return true;
      if (!keepFor.includes(tool) || seen.has(n.method)) return false;
      seen.add(n.method);
      return true;
    });
    if (exchange.notifications.length === 0) delete exchange.notifications;
  }
  if (tape.components) {
    tape.components = tape.components.filter((c) => c.source?.endsWith('.wasm'));
    if (tape.components.length === 0) delete tape.components;
  }
  writeFileSync(file, JSON.stringify(tape, null, 2) + '\n');
}

if (process.env.SETTLE_ONLY) {
  // Re-applies the scenarios' timingDependent settings to their tapes without recording.
  for (const name of readdirSync(join(root, suite, 'scenarios')).filter((f) => f.endsWith('.json'))) {
    const scenario = JSON.parse(readFileSync(join(root, suite, 'scenarios', name), 'utf8'));
    if (scenario.timingDependent) settle(join(root, suite, `${scenario.name}.tape.json`), scenario.timingDependent);
  }
  process.exit(0);
}
const dir = join(root, suite, 'scenarios');
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  if (only.size && !only.has(name.replace(/\.json$/, ''))) continue;
  await record(join(dir, name));
}
