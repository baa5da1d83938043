// Drives a 2026-07-28 session with the TypeScript SDK v2 client (@modelcontextprotocol/client): over
// this process's own stdin and stdout, so whatever relays it (Cassette's recorder) sees exactly what
// the SDK sends, or, given `-- <command> [args...]`, over the SDK's stdio transport to a server it
// starts (such as `cassette record -o tape -- node server.mjs`). The session: server/discover, tools/list, a plain tools/call, an MRTR round (input_required, then
// the retry carrying the elicitation's answer) and a call that reports progress.
import { peersRequire } from './test-peers.mjs';

const require = peersRequire;
const { Client } = await import(require.resolve('@modelcontextprotocol/client'));
const { StdioServerTransport } = await import(require.resolve('@modelcontextprotocol/server/stdio'));
const { StdioClientTransport } = await import(require.resolve('@modelcontextprotocol/client/stdio'));

const client = new Client(
  { name: 'cassette-stateless-driver', version: '1.0.0' },
  { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } }
);
client.setRequestHandler('elicitation/create', async () => ({ action: 'accept', content: { confirm: true } }));

const log = (line) => process.stderr.write(line + '\n');
const dashes = process.argv.indexOf('--');
const transport =
  dashes < 0
    ? new StdioServerTransport()
    : new StdioClientTransport({
        command: process.argv[dashes + 1],
        args: process.argv.slice(dashes + 2),
        env: { ...process.env },
        stderr: 'inherit'
      });
await client.connect(transport);
log('tools: ' + (await client.listTools()).tools.map((tool) => tool.name).join(','));
log('greet: ' + (await client.callTool({ name: 'greet', arguments: { name: 'Ada' } })).content[0].text);
log('deploy: ' + (await client.callTool({ name: 'deploy', arguments: { env: 'staging' } })).content[0].text);
// A progress handler makes the client send a progressToken, so the server reports progress.
const countdown = await client.callTool({ name: 'countdown', arguments: { from: 2 } }, { onprogress: () => {} });
log('countdown: ' + countdown.content[0].text);
await client.close();
