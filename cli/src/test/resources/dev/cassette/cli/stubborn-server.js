// A stdio MCP server that answers initialize and ignores stdin EOF and SIGTERM (as wassette ignores EOF).
process.on('SIGTERM', () => {});
const rl = require('readline').createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const m = JSON.parse(line);
  if (m.id !== undefined && m.method === 'initialize') {
    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'stubborn', version: '1' } } }) + '\n');
  }
});
rl.on('close', () => {});
setInterval(() => {}, 1000);
