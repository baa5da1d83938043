// A 2026-07-28 (stateless) MCP server over stdio, written with the TypeScript SDK v2
// (@modelcontextprotocol/server), for Cassette's stateless-era tests. It finds the SDK in the
// test-peers folder ($CASSETTE_TEST_PEERS, or the nearest one above this script).
import { randomUUID } from 'node:crypto';
import { peersRequire } from './test-peers.mjs';

const require = peersRequire;
const { McpServer, inputRequired, acceptedContent } = await import(require.resolve('@modelcontextprotocol/server'));
const { serveStdio } = await import(require.resolve('@modelcontextprotocol/server/stdio'));
const z = require('zod');

const minted = new Set();

serveStdio(() => {
  const server = new McpServer({ name: 'stateless-fixture', version: '1.0.0' }, { capabilities: { tools: {} } });

  server.registerTool(
    'greet',
    { description: 'Greets someone.', inputSchema: { name: z.string() } },
    async ({ name }, ctx) => {
      const version = ctx.mcpReq.envelope?.['io.modelcontextprotocol/protocolVersion'] ?? 'no envelope';
      return { content: [{ type: 'text', text: `hello ${name} via ${version}` }] };
    }
  );

  // MRTR: asks the client to confirm (input_required), then deploys when the retry carries the
  // answer and a request state this process minted (a fresh nonce every run, as real servers sign
  // or encrypt their state; a stale state from another run is refused).
  server.registerTool(
    'deploy',
    { description: 'Deploys after the user confirms.', inputSchema: { env: z.string() } },
    async ({ env }, ctx) => {
      const confirmed = acceptedContent(ctx.mcpReq.inputResponses, 'confirm');
      if (confirmed?.confirm !== true) {
        const state = `${env}:${randomUUID()}`;
        minted.add(state);
        return inputRequired({
          inputRequests: {
            confirm: inputRequired.elicit({
              message: `Deploy to ${env}?`,
              requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean' } }, required: ['confirm'] }
            })
          },
          requestState: state
        });
      }
      const state = ctx.mcpReq.requestState();
      if (!minted.has(state)) {
        return { isError: true, content: [{ type: 'text', text: `unknown request state ${state}` }] };
      }
      return { content: [{ type: 'text', text: `deployed to ${env}` }] };
    }
  );

  server.registerTool(
    'countdown',
    { description: 'Counts down, reporting progress.', inputSchema: { from: z.number().int() } },
    async ({ from }, ctx) => {
      const token = ctx.mcpReq._meta?.progressToken;
      for (let left = from; left > 0; left--) {
        if (token !== undefined) {
          await ctx.mcpReq.notify({
            method: 'notifications/progress',
            params: { progressToken: token, progress: from - left + 1, total: from, message: `${left} left` }
          });
        }
      }
      return { content: [{ type: 'text', text: 'liftoff' }] };
    }
  );
  return server;
});
