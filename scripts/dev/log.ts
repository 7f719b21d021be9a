const COLORS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m', '\x1b[31m'];
const RESET = '\x1b[0m';
const useColor = process.stdout.isTTY === true;

export function say(message: string): void {
  process.stdout.write(`[billstream] ${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`[billstream] warning: ${message}\n`);
}

let colorIndex = 0;

/** Returns a writer that prefixes every line with the process name. */
export function lineWriter(name: string, stream: NodeJS.WriteStream): (chunk: Buffer) => void {
  const color = COLORS[colorIndex++ % COLORS.length]!;
  const prefix = useColor ? `${color}${name.padEnd(8)}${RESET} | ` : `${name.padEnd(8)} | `;
  let pending = '';
  return (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) stream.write(`${prefix}${line}\n`);
  };
}
