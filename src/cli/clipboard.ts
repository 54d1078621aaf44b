/** `passwords get --copy`: the platform's clipboard, fed through stdin so the value never reaches argv. */
import { spawn } from 'node:child_process';
import { UsageError } from './usage-error.js';

const COMMANDS: Array<{ platform: NodeJS.Platform | 'any'; command: string; args: string[] }> = [
  { platform: 'darwin', command: 'pbcopy', args: [] },
  { platform: 'win32', command: 'clip', args: [] },
  { platform: 'any', command: 'wl-copy', args: [] },
  { platform: 'any', command: 'xclip', args: ['-selection', 'clipboard'] },
  { platform: 'any', command: 'xsel', args: ['--clipboard', '--input'] },
];

function tryCopy(command: string, args: string[], text: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
    child.stdin.end(text);
  });
}

export async function copyToClipboard(text: string): Promise<void> {
  if (!process.stdout.isTTY) throw new UsageError('--copy needs a terminal; use --reveal in scripts');
  for (const candidate of COMMANDS) {
    if (candidate.platform !== 'any' && candidate.platform !== process.platform) continue;
    if (await tryCopy(candidate.command, candidate.args, text)) return;
  }
  throw new UsageError(
    'No clipboard command found (pbcopy, clip, wl-copy, xclip or xsel); use --reveal instead',
  );
}
