// A tiny stateful MCP server over stdio for engine tests: counts the tools/call requests it answered.
const rl = require('readline').createInterface({ input: process.stdin });
let calls = 0;
rl.on('line', (line) => {
  const m = JSON.parse(line);
  if (m.id === undefined) return;
  let result;
  if (m.method === 'initialize') {
    result = { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'counter', version: '1' } };
  } else if (m.method === 'tools/call') {
    calls += 1;
    result = { content: [{ type: 'text', text: JSON.stringify({ calls: calls }) }] };
  } else {
    result = {};
  }
  console.log(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: result }));
});
