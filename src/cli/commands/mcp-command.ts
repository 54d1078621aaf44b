/**
 * Registers `gluekit mcp`. The server's modules (and the MCP SDK) load only when it runs.
 */
import { type Command, Option } from '../commander.js';
import { examplesHelp } from '../resource-commands.js';
import { lazyAction } from './command-groups.js';

export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description(
      'Serve IT Glue to AI agents over MCP: stdio (default) or Streamable HTTP; read-only unless --allow-writes',
    )
    .option(
      '--http',
      'serve Streamable HTTP at /mcp instead of stdio; each request carries its key in x-api-key',
    )
    .option(
      '--host <address>',
      'address to bind with --http (anything but loopback needs an auth token and TLS)',
      '127.0.0.1',
    )
    .option('--port <n>', 'port for --http (0 picks a free one)', '0')
    .option(
      '--auth-token-file <path>',
      'read the bearer token every HTTP request must present from this file (or GLUEKIT_MCP_AUTH_TOKEN); required off loopback',
    )
    .option('--auth-token-stdin', 'read the bearer token from stdin')
    .addOption(
      new Option('--auth-token <token>', 'refused: a token in argv is visible to every user').hideHelp(),
    )
    .option('--tls-cert <path>', 'serve HTTPS with this certificate (PEM); required off loopback')
    .option('--tls-key <path>', 'the private key (PEM) for --tls-cert')
    .option('--insecure-http', 'allow plain HTTP off loopback (only behind a TLS proxy on the same host)')
    .option('--max-body-mb <n>', 'largest request body, in MiB (default 1)')
    .option('--allow-writes', 'list the tools that write to IT Glue (create_*, update_*, apply_plan)')
    .option('--read-only', 'never list a tool that writes, whatever else is set (wins over --allow-writes)')
    .option(
      '--toolsets <list>',
      'only these tool families: organizations, contacts, passwords, configurations, documents, mirror, workflows',
    )
    .option('--allow-password-reveal', 'let get_password return a value when called with reveal: true')
    .addHelpText(
      'after',
      examplesHelp([
        'ITGLUE_API_KEY=... gluekit mcp',
        'gluekit mcp --toolsets organizations,contacts,mirror',
        'gluekit mcp --allow-writes',
        'gluekit mcp --http --port 8787',
        'GLUEKIT_MCP_AUTH_TOKEN="$(openssl rand -hex 32)" gluekit mcp --http --host 0.0.0.0 --port 8787 --tls-cert cert.pem --tls-key key.pem',
      ]),
    )
    .action(lazyAction(async () => (await import('./mcp.js')).runMcp));
}
