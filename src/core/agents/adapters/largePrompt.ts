// When a prompt leaves argv: Linux caps one argument at 128 KiB and `ps` shows argv to every
// user, so prompts above this size travel on stdin (or as a file) instead.

export const LARGE_PROMPT_BYTES = 100 * 1024;

export function isLargePrompt(prompt: string): boolean {
  return Buffer.byteLength(prompt, 'utf8') > LARGE_PROMPT_BYTES;
}
