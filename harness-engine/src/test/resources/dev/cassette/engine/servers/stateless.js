// A tiny stateless (2026-07-28 style) MCP server over stdio: no initialize, server/discover, per-request _meta.
const rl = require('readline').createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const m = JSON.parse(line);
  if (m.id === undefined) return;
  let reply;
  if (m.method === 'server/discover') {
    reply = { result: { supportedVersions: ['2026-07-28'], capabilities: { tools: {} }, serverInfo: { name: 'stateless', version: '1' } } };
  } else if (m.method === 'tools/call') {
    const version = ((m.params || {})._meta || {})['modelcontextprotocol.io/protocolVersion'];
    reply = { result: { content: [{ type: 'text', text: 'hello ' + m.params.arguments.name + ' via ' + version }] } };
  } else {
    reply = { error: { code: -32601, message: 'Method not found: ' + m.method } };
  }
  console.log(JSON.stringify(Object.assign({ jsonrpc: '2.0', id: m.id }, reply)));
});
