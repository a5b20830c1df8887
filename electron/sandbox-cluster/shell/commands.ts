// The commands of the simulated shell, worded as busybox words them (the userland most agent images ship): ls, cat,
// env/printenv, hostname, ps, echo, pwd, cd, id, whoami, uname, true, false, help; writes fail with "Read-only file
// system" since every file in the sandbox is read-only. exit is handled by the shell itself.
import type { Entry } from './filesystem.js';
import { resolvePath } from './filesystem.js';
import type { ContainerWorld } from './world.js';

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

export interface ShellState {
  world: ContainerWorld;
  cwd: string;
  /** PIDs of the shell and of the command it runs now, for ps. */
  pids: number[];
  /** The terminal's size from the last resize message; undefined without a TTY. */
  terminal?: { width: number; height: number };
}

type Run = (args: string[], state: ShellState, io: CommandIo) => number;

function mode(entry: Entry): string {
  return entry.type === 'dir' ? 'dr-xr-xr-x' : '-r--r--r--';
}

function longLine(entry: Entry, name: string): string {
  const size = entry.type === 'file' ? Buffer.byteLength(entry.content) : 4096;
  return `${mode(entry)}    1 root     root     ${String(size).padStart(9)} Jan  1 00:00 ${name}`;
}

const ls: Run = (args, state, io) => {
  const flags = args.filter((a) => a.startsWith('-') && a.length > 1).join('');
  const paths = args.filter((a) => !a.startsWith('-') || a === '-');
  const long = flags.includes('l');
  const all = flags.includes('a');
  let code = 0;
  const targets = paths.length > 0 ? paths : ['.'];
  targets.forEach((p, index) => {
    const at = resolvePath(state.cwd, p);
    const entry = state.world.files.get(at);
    if (!entry) {
      io.err(`ls: ${p}: No such file or directory\n`);
      code = 1;
      return;
    }
    if (entry.type === 'file') {
      io.out((long ? longLine(entry, p) : p) + '\n');
      return;
    }
    if (targets.length > 1) io.out(`${index > 0 ? '\n' : ''}${p}:\n`);
    const names = [...(all ? ['.', '..'] : []), ...state.world.files.children(at)];
    for (const name of names) {
      const child =
        name === '.' || name === '..'
          ? { type: 'dir' as const }
          : state.world.files.get(`${at === '/' ? '' : at}/${name}`);
      io.out((long && child ? longLine(child, name) : name) + '\n');
    }
  });
  return code;
};

const cat: Run = (args, state, io) => {
  let code = 0;
  for (const p of args) {
    const entry = state.world.files.get(resolvePath(state.cwd, p));
    if (!entry) {
      io.err(`cat: can't open '${p}': No such file or directory\n`);
      code = 1;
    } else if (entry.type === 'dir') {
      io.err(`cat: read error: Is a directory\n`);
      code = 1;
    } else io.out(entry.content);
  }
  return code;
};

const env: Run = (args, state, io) => {
  if (args.length > 0) {
    io.err(`env: can't execute '${args[0] ?? ''}': not supported by the sandbox's simulated shell\n`);
    return 127;
  }
  for (const [k, v] of state.world.env) io.out(`${k}=${v}\n`);
  return 0;
};

const printenv: Run = (args, state, io) => {
  if (args.length === 0) return env([], state, io);
  const vars = new Map(state.world.env);
  let code = 0;
  for (const name of args) {
    if (vars.has(name)) io.out(`${vars.get(name) ?? ''}\n`);
    else code = 1;
  }
  return code;
};

const ps: Run = (_args, state, io) => {
  io.out('PID   USER     TIME  COMMAND\n');
  const rows = [
    ...state.world.processes,
    ...state.pids.map((pid, i) => ({ pid, command: i === state.pids.length - 1 ? 'ps' : 'sh' })),
  ];
  for (const p of rows) io.out(`${String(p.pid).padStart(5)} root      0:00 ${p.command}\n`);
  return 0;
};

const cd: Run = (args, state, io) => {
  const target = resolvePath(state.cwd, args[0] ?? '/root');
  const entry = state.world.files.get(target);
  if (entry?.type !== 'dir') {
    io.err(`sh: cd: can't cd to ${args[0] ?? ''}: ${entry ? 'Not a directory' : 'No such file or directory'}\n`);
    return 2;
  }
  state.cwd = target;
  return 0;
};

const readOnly =
  (name: string): Run =>
  (args, _state, io) => {
    const target = args.find((a) => !a.startsWith('-'));
    if (!target) {
      io.err(`${name}: missing operand\n`);
      return 1;
    }
    io.err(`${name}: ${target}: Read-only file system\n`);
    return 1;
  };

const say =
  (text: (state: ShellState) => string): Run =>
  (_args, state, io) => {
    io.out(text(state) + '\n');
    return 0;
  };

export const COMMANDS: Record<string, Run> = {
  ls,
  cat,
  env,
  printenv,
  ps,
  cd,
  echo: (args, _state, io) => {
    const bare = args[0] === '-n';
    io.out(args.slice(bare ? 1 : 0).join(' ') + (bare ? '' : '\n'));
    return 0;
  },
  hostname: say((s) => s.world.hostname),
  pwd: say((s) => s.cwd),
  id: say(() => 'uid=0(root) gid=0(root) groups=0(root)'),
  whoami: say(() => 'root'),
  uname: (args, s, io) => {
    io.out((args.includes('-a') ? `Linux ${s.world.hostname} 6.8.0-sandbox #1 SMP x86_64 GNU/Linux` : 'Linux') + '\n');
    return 0;
  },
  stty: (args, state, io) => {
    if (!state.terminal) {
      io.err('stty: standard input: Not a tty\n');
      return 1;
    }
    if (args[0] !== 'size') {
      io.err("stty: only `stty size` is supported by the sandbox's simulated shell\n");
      return 1;
    }
    io.out(`${String(state.terminal.height)} ${String(state.terminal.width)}\n`);
    return 0;
  },
  true: () => 0,
  false: () => 1,
  touch: readOnly('touch'),
  mkdir: readOnly('mkdir'),
  rm: readOnly('rm'),
  help: (_args, _state, io) => {
    io.out(
      'The sandbox runs no containers: this is its simulated shell. Built-in commands:\n' +
        [...Object.keys(COMMANDS), 'exit', 'sh'].sort().join(' ') +
        '\nFiles are read-only; pipes and redirections are not supported.\n',
    );
    return 0;
  },
};

/** `/bin/ls` and `ls` are the same program. */
export function commandOf(word: string): Run | undefined {
  const name = word.includes('/') ? word.slice(word.lastIndexOf('/') + 1) : word;
  if (word.includes('/') && !['/bin/', '/usr/bin/', '/sbin/', '/usr/sbin/'].some((d) => word === d + name))
    return undefined;
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}
