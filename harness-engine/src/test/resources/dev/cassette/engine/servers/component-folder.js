// A Wassette-like MCP server over stdio for engine tests: `node component-folder.js --component-dir DIR`.
// Its tool "folder" answers what it was started with: the files of DIR, the text of each policy there,
// and whether HOME and the XDG folders are empty folders beside DIR (the engine's stage). Its tool
// "summarize" answers {"total":1}; "bytes" answers the text of DIR/inventory.wasm.
const fs = require('fs');
const path = require('path');
const dir = process.argv[process.argv.indexOf('--component-dir') + 1];
const rl = require('readline').createInterface({ input: process.stdin });
const stage = path.dirname(dir);
const vars = ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'];
function folder() {
  const files = fs.readdirSync(dir).sort();
  const policies = {};
  for (const f of files.filter((f) => f.endsWith('.policy.yaml'))) policies[f] = fs.readFileSync(path.join(dir, f), 'utf8');
  const hermetic = vars.every((v) => process.env[v] && path.dirname(process.env[v]) === stage
    && fs.readdirSync(process.env[v]).length === 0);
  return { files, policies, hermetic };
}
rl.on('line', (line) => {
  const m = JSON.parse(line);
  if (m.id === undefined) return;
  let result = {};
  if (m.method === 'initialize') {
    result = { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'component-folder', version: '1' } };
  } else if (m.method === 'tools/call') {
    const name = m.params.name;
    const value = name === 'folder' ? folder()
      : name === 'bytes' ? fs.readFileSync(path.join(dir, 'inventory.wasm'), 'utf8')
      : { total: 1 };
    result = { content: [{ type: 'text', text: JSON.stringify(value) }], isError: false };
  }
  console.log(JSON.stringify({ jsonrpc: '2.0', id: m.id, result }));
});
