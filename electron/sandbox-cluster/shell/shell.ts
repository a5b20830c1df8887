// The simulated shell: runs parsed lines against a container world, keeps $? and the working directory, and ends on
// `exit`. ShellSession adds what a terminal would do around it: with a TTY the line discipline (echo, erase, ^C,
// ^D, CR-LF output, a prompt), without one plain lines from stdin; either way EOF ends it with the last status.
import { COMMANDS, commandOf, type CommandIo, type ShellState } from './commands.js';
import { parseLine } from './parse.js';
import type { ContainerWorld } from './world.js';

export interface ShellOutput {
  out(text: string): void;
  err(text: string): void;
}

const SHELLS = new Set(['sh', 'bash', 'ash']);
const LINE_MAX = 4096;

export function isShell(word: string): boolean {
  const name = word.slice(word.lastIndexOf('/') + 1);
  return SHELLS.has(name) && (!word.includes('/') || ['/bin/', '/usr/bin/'].some((d) => word === d + name));
}

export class Shell {
  private last = 0;
  private nextPid = 7;
  readonly state: ShellState;

  /** `asProcess` false: a command exec'd directly, with no shell process around it. */
  constructor(
    world: ContainerWorld,
    private readonly io: ShellOutput,
    asProcess = true,
  ) {
    this.state = { world, cwd: '/', pids: asProcess ? [this.nextPid++] : [] };
  }

  get status(): number {
    return this.last;
  }

  /** Runs one line; returns the exit code when the line ran `exit`, else undefined. */
  runLine(line: string): number | undefined {
    const vars = new Map(this.state.world.env);
    const parsed = parseLine(line, (name) => (name === '?' ? String(this.last) : (vars.get(name) ?? '')));
    if (!parsed.ok) {
      this.io.err(
        'unsupported' in parsed
          ? `sh: '${parsed.unsupported}': pipes, redirections, subshells and background jobs are not supported by the sandbox's simulated shell\n`
          : 'sh: syntax error: unterminated quoted string\n',
      );
      this.last = 2;
      return undefined;
    }
    for (const { words, after } of parsed.commands) {
      if ((after === '&&' && this.last !== 0) || (after === '||' && this.last === 0)) continue;
      const [name = '', ...args] = words;
      if (name === 'exit') {
        const code = args[0] === undefined ? this.last : Number(args[0]);
        if (!/^\d+$/.test(args[0] ?? '0')) {
          this.io.err(`sh: exit: Illegal number: ${args[0] ?? ''}\n`);
          this.last = 2;
          continue;
        }
        return code & 255;
      }
      this.last = this.runCommand(name, args);
    }
    return undefined;
  }

  /** `sh -c` runs its script in this shell; any other command runs with its own PID. */
  runCommand(name: string, args: string[]): number {
    if (isShell(name)) {
      if (args[0] !== '-c' || args[1] === undefined) {
        this.io.err(`sh: nested interactive shells are not supported by the sandbox's simulated shell\n`);
        return 2;
      }
      const ended = this.runLine(args[1]);
      return ended ?? this.last;
    }
    const run = commandOf(name);
    if (!run) {
      this.io.err(`sh: ${name}: not found\n`);
      return 127;
    }
    const io: CommandIo = { out: (t) => this.io.out(t), err: (t) => this.io.err(t) };
    this.state.pids.push(this.nextPid++);
    try {
      return run(args, this.state, io);
    } finally {
      this.state.pids.pop();
    }
  }
}

/** Whether `kubectl exec -- <argv>` names a program the simulated container has (a shell or a built-in command). */
export function knownProgram(argv: string[]): boolean {
  const first = argv[0] ?? '';
  return isShell(first) || commandOf(first) !== undefined || first === 'exit';
}

export const BUILTIN_NAMES = Object.keys(COMMANDS);

export interface SessionIo extends ShellOutput {
  /** The session is over: the container's process exited with this code. */
  end(code: number): void;
}

/** An interactive `sh` fed from stdin, with or without a terminal. */
export class ShellSession {
  private readonly shell: Shell;
  private line = '';
  private done = false;
  private escape = false;

  constructor(
    world: ContainerWorld,
    private readonly io: SessionIo,
    private readonly tty: boolean,
  ) {
    const crlf = (t: string): string => (tty ? t.replace(/\r?\n/g, '\r\n') : t);
    // With a TTY, stderr goes to the same terminal.
    this.shell = new Shell(world, { out: (t) => io.out(crlf(t)), err: (t) => (tty ? io.out(crlf(t)) : io.err(t)) });
    if (tty) {
      this.shell.state.terminal = { width: 80, height: 24 };
      this.prompt();
    }
  }

  private prompt(): void {
    this.io.out(`${this.shell.state.cwd} # `);
  }

  private finish(code: number): void {
    if (this.done) return;
    this.done = true;
    this.io.end(code);
  }

  private enter(): void {
    const line = this.line;
    this.line = '';
    if (this.tty) this.io.out('\r\n');
    const code = this.shell.runLine(line);
    if (code !== undefined) this.finish(code);
    else if (this.tty) this.prompt();
  }

  input(data: string): void {
    for (const ch of data) {
      if (this.done) return;
      if (this.tty && this.escape) {
        // The rest of an escape sequence (arrow keys and the like): the line editor ignores it.
        if (/[A-Za-z~]/.test(ch)) this.escape = false;
        continue;
      }
      if (ch === '\r' || ch === '\n') this.enter();
      else if (this.tty && ch === '\x1b') this.escape = true;
      else if (this.tty && (ch === '\x7f' || ch === '\b')) {
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          this.io.out('\b \b');
        }
      } else if (this.tty && ch === '\x03') {
        this.line = '';
        this.io.out('^C\r\n');
        this.prompt();
      } else if (this.tty && ch === '\x04') {
        if (this.line === '') this.finish(this.shell.status);
      } else if (this.line.length < LINE_MAX) {
        this.line += ch;
        if (this.tty) this.io.out(ch);
      }
    }
  }

  /** stdin closed: a last unterminated line still runs, then the shell exits with its status. */
  eof(): void {
    if (this.done) return;
    if (this.line !== '') {
      const code = this.shell.runLine(this.line);
      this.line = '';
      if (code !== undefined) return this.finish(code);
    }
    this.finish(this.shell.status);
  }

  /** The client's terminal changed size (the resize channel). */
  resize(size: { width: number; height: number }): void {
    if (this.tty) this.shell.state.terminal = size;
  }

  get ended(): boolean {
    return this.done;
  }
}
